package io.whisper.backup;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which snapshots to keep, restic's rules: within each group (same host and paths), the
 * newest {@code last}; then, for each of hourly, daily, weekly and monthly, the newest
 * snapshot of each of the N most recent periods that have one. A snapshot kept by any rule is
 * kept. All zero keeps nothing, which forget refuses (see the command).
 */
public record KeepPolicy(int last, int hourly, int daily, int weekly, int monthly,
    ZoneId zone) {

  public KeepPolicy {
    if (last < 0 || hourly < 0 || daily < 0 || weekly < 0 || monthly < 0) {
      throw new IllegalArgumentException("--keep-* counts must not be negative");
    }
  }

  /** Returns true if no rule keeps anything. */
  public boolean keepsNothing() {
    return last + hourly + daily + weekly + monthly == 0;
  }

  /** The decision for one snapshot. */
  public record Decision(Snapshot snapshot, boolean keep, List<String> reasons) {}

  /** Decides for every snapshot, newest first within each group. */
  public List<Decision> apply(List<Snapshot> snapshots) {
    Map<String, List<Snapshot>> groups = new LinkedHashMap<>();
    for (Snapshot snapshot : snapshots) {
      groups.computeIfAbsent(snapshot.host() + "\0" + String.join("\0", snapshot.paths()),
          k -> new ArrayList<>()).add(snapshot);
    }
    List<Decision> decisions = new ArrayList<>();
    for (List<Snapshot> group : groups.values()) {
      group.sort((x, y) -> y.time().compareTo(x.time()));
      Map<Snapshot, List<String>> reasons = new LinkedHashMap<>();
      for (Snapshot snapshot : group) {
        reasons.put(snapshot, new ArrayList<>());
      }
      for (int i = 0; i < Math.min(last, group.size()); i++) {
        reasons.get(group.get(i)).add("last");
      }
      keepPeriods(group, hourly, "hourly", t -> t.getYear() * 1_000_000L
          + t.getDayOfYear() * 100L + t.getHour(), reasons);
      keepPeriods(group, daily, "daily", t -> t.getYear() * 1000L + t.getDayOfYear(), reasons);
      keepPeriods(group, weekly, "weekly", t -> t.get(IsoFields.WEEK_BASED_YEAR) * 100L
          + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), reasons);
      keepPeriods(group, monthly, "monthly", t -> t.getYear() * 100L + t.getMonthValue(),
          reasons);
      for (Map.Entry<Snapshot, List<String>> entry : reasons.entrySet()) {
        decisions.add(new Decision(entry.getKey(), !entry.getValue().isEmpty(),
            List.copyOf(entry.getValue())));
      }
    }
    return decisions;
  }

  // The newest snapshot of each of the `count` most recent periods (newest-first input).
  private void keepPeriods(List<Snapshot> newestFirst, int count, String rule,
      Function<ZonedDateTime, Long> period, Map<Snapshot, List<String>> reasons) {
    Set<Long> seen = new HashSet<>();
    for (Snapshot snapshot : newestFirst) {
      if (seen.size() >= count) {
        return;
      }
      if (seen.add(period.apply(snapshot.time().atZone(zone)))) {
        reasons.get(snapshot).add(rule);
      }
    }
  }
}
