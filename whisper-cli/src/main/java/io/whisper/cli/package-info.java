/**
 * The {@code whisper} command: {@link io.whisper.cli.WhisperCli} is the entry point and
 * {@code Subcommands} builds only the subcommand named (start-up: docs/startup.md). Each command
 * class declares its options in code ({@code support.Specs}, the shared ones in
 * {@code support.SharedOptions} and {@code support.Jobs}) and delegates its pipeline to its
 * package: {@code fsck}, {@code fill}, {@code move}, {@code dropin} (the whisper-* scripts),
 * {@code ring}, {@code cluster} and {@code serve} (the node side of {@code whisper cluster}),
 * {@code backup}, {@code py} (Python's number formatting and JSON). Exit statuses are named in
 * {@code support.ExitCodes}. {@code aot} and {@code docs} are build tooling: the AOT caches and
 * the man pages.
 */
package io.whisper.cli;
