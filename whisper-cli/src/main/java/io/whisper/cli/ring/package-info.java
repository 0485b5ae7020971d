/**
 * The ring commands: {@link io.whisper.cli.ring.LocateCommand} ({@code whisper locate}), {@link
 * io.whisper.cli.ring.ListCommand} ({@code whisper list}) and {@link
 * io.whisper.cli.ring.SieveCommand} ({@code whisper sieve}), over whisper-ring's {@code Ring}.
 * They stream raw bytes between standard input and output, millions of names a run.
 */
package io.whisper.cli.ring;
