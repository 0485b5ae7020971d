/**
 * The {@code whisper} command: {@link io.whisper.cli.WhisperCli} is the entry point and
 * {@code Subcommands} builds only the subcommand named (start-up: docs/startup.md). Each command
 * class declares its options in code ({@code support.Specs}) and delegates its pipeline to its
 * package: {@code fsck}, {@code fill}, {@code dropin} (the whisper-* scripts), {@code ring},
 * {@code cluster} and {@code serve} (the node side of {@code whisper cluster}), {@code py}
 * (Python's number formatting and JSON). {@code AotTraining} and {@code AotCaches} are build
 * tooling: they make the AOT caches at package time.
 */
package io.whisper.cli;
