/**
 * Corruption checks for {@code whisper fsck}: {@link io.whisper.core.fsck.FileCheck} checks one
 * file (its header and layout against its size, and with {@code deep} every slot) and returns a
 * sealed {@link io.whisper.core.fsck.CheckResult}. The rows it cites are those of the checks
 * table in docs/format.md, section 2.4.
 */
package io.whisper.core.fsck;
