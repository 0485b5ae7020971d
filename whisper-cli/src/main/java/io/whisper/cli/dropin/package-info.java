/**
 * The drop-in replacements for the whisper-* scripts ({@code info}, {@code dump}, {@code fetch},
 * {@code update}, {@code create}, {@code set-*}, {@code merge}, {@code diff}, {@code resize}):
 * optparse's argument rules ({@code ScriptOptions}), the scripts' output byte for byte, their
 * exit statuses. Deliberate differences are listed in docs/dropins.md.
 */
package io.whisper.cli.dropin;
