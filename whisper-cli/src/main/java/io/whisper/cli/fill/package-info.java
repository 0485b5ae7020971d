/**
 * {@code whisper fill}'s pipeline: {@link io.whisper.cli.fill.PairFiller} fills (or copies) one
 * pair and returns a sealed {@link io.whisper.cli.fill.PairOutcome};
 * {@link io.whisper.cli.fill.FillReport} prints and counts the outcomes.
 */
package io.whisper.cli.fill;
