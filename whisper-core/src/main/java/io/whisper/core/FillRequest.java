package io.whisper.core;

import java.util.OptionalLong;

/**
 * What {@link Fill#fill} should do.
 *
 * @param now the one "now" of the whole fill: every archive window is computed from it
 * @param from fill only intervals after this time (exclusive), if given
 * @param until fill only intervals up to this time (inclusive), if given
 * @param dryRun count what would be filled, write nothing
 */
public record FillRequest(long now, OptionalLong from, OptionalLong until, boolean dryRun) {

  public FillRequest {
    if (from.isPresent() && until.isPresent() && from.getAsLong() > until.getAsLong()) {
      throw new IllegalArgumentException(
          "from " + from.getAsLong() + " is after until " + until.getAsLong());
    }
  }

  /** Fills every archive's whole window at {@code now}, writing. */
  public static FillRequest at(long now) {
    return new FillRequest(now, OptionalLong.empty(), OptionalLong.empty(), false);
  }

  /** Returns this request with {@code dryRun} set as given. */
  public FillRequest withDryRun(boolean dryRun) {
    return new FillRequest(now, from, until, dryRun);
  }
}
