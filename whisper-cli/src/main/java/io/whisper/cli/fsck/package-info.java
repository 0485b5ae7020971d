/**
 * {@code whisper fsck}'s pipeline: the report of each file ({@code FsckReport}), the tally
 * behind the fsck(8) exit bits ({@code FsckTally}), and the quarantine of corrupt files
 * ({@code CorruptFileFixer}, {@code CorruptFileMover}).
 */
package io.whisper.cli.fsck;
