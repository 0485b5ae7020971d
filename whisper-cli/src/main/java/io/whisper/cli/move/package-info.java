/**
 * {@code whisper move}'s pipeline: {@link io.whisper.cli.move.Moves} runs one pair, a tree or a
 * batch list ({@code BatchFile}) through whisper-core's {@code Move} and reports each outcome
 * and the summary ({@code MoveReport}).
 */
package io.whisper.cli.move;
