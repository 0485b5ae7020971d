/**
 * {@code whisper fsck}'s pipeline: {@link io.whisper.cli.fsck.FsckScan} walks the paths
 * ({@code ScanTargets}), checks the files in parallel and reports them ({@code FsckReport});
 * the tally behind the fsck(8) exit bits ({@code FsckTally}), and the quarantine of corrupt
 * files ({@code CorruptFileFixer}, {@code CorruptFileMover}).
 */
package io.whisper.cli.fsck;
