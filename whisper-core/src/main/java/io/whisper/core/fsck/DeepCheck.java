package io.whisper.core.fsck;

import io.whisper.core.ArchiveInfo;
import io.whisper.core.Finding;
import io.whisper.core.Header;
import io.whisper.core.Point;
import io.whisper.core.Problem;
import io.whisper.core.os.FileReads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads every slot of a file whose layout is sound and checks the ring invariants whisper.py
 * relies on but never verifies (rows 21 to 25 and 29 of docs/format.md section 2.4). Row 24,
 * duplicate timestamps, needs no check of its own: two slots with one timestamp cannot both be
 * in the right ring position, so row 22 reports them.
 *
 * <p>Slots are streamed in fixed-size chunks, so memory stays flat whatever the archive size.
 */
final class DeepCheck {
  private static final int SLOTS_PER_CHUNK = 4096;

  private DeepCheck() {}

  /** Returns the findings of every archive, grouped by problem, the most telling first. */
  static List<Finding> check(FileChannel channel, Header header, long now) throws IOException {
    List<ArchiveScan> scans = new ArrayList<>();
    ByteBuffer chunk = ByteBuffer.allocate(SLOTS_PER_CHUNK * Point.BYTES);
    for (int i = 0; i < header.archives().size(); i++) {
      long finerStep = i == 0 ? 0 : header.archive(i - 1).secondsPerPoint();
      ArchiveScan scan = new ArchiveScan(i, header.archive(i), finerStep, now);
      scan.read(channel, chunk);
      scans.add(scan);
    }
    // The overflow signature explains the misplaced and unaligned slots it leaves, and an empty
    // slot 0 explains every misplaced slot behind it, so they come first.
    List<Finding> findings = new ArrayList<>();
    scans.forEach(s -> s.lowerUnaligned.addTo(findings));
    scans.forEach(s -> s.dataBehindEmptySlot0.addTo(findings));
    scans.forEach(s -> s.unaligned.addTo(findings));
    scans.forEach(s -> s.misplaced.addTo(findings));
    scans.forEach(s -> s.future.addTo(findings));
    return findings;
  }

  /** One archive's slots, read once, with a tally per problem. */
  private static final class ArchiveScan {
    private final int index;
    private final ArchiveInfo archive;
    private final long finerStep;
    private final long now;
    final Tally lowerUnaligned = new Tally(Problem.LOWER_ARCHIVE_UNALIGNED);
    final Tally dataBehindEmptySlot0 = new Tally(Problem.DATA_BEHIND_EMPTY_SLOT0);
    final Tally unaligned = new Tally(Problem.UNALIGNED_TIMESTAMP);
    final Tally misplaced = new Tally(Problem.MISPLACED_SLOT);
    final Tally future = new Tally(Problem.FUTURE_POINTS);
    private long base;
    private long latestFuture;

    ArchiveScan(int index, ArchiveInfo archive, long finerStep, long now) {
      this.index = index;
      this.archive = archive;
      this.finerStep = finerStep;
      this.now = now;
    }

    void read(FileChannel channel, ByteBuffer chunk) throws IOException {
      long slot = 0;
      while (slot < archive.points()) {
        int count = (int) Math.min(SLOTS_PER_CHUNK, archive.points() - slot);
        chunk.clear().limit(count * Point.BYTES);
        long position = archive.offset() + slot * Point.BYTES;
        if (FileReads.read(channel, position, chunk) < count * Point.BYTES) {
          throw new IOException("file shrank while it was read");
        }
        for (int k = 0; k < count; k++) {
          visit(slot + k, Integer.toUnsignedLong(chunk.getInt(k * Point.BYTES)));
        }
        slot += count;
      }
      finish();
    }

    private void visit(long slot, long timestamp) {
      if (slot == 0) {
        base = timestamp;
      }
      if (timestamp == 0) {
        return;
      }
      long step = archive.secondsPerPoint();
      if (timestamp > now + step) {
        future.count(slot, timestamp);
        latestFuture = Math.max(latestFuture, timestamp);
      }
      if (base == 0) {
        dataBehindEmptySlot0.count(slot, timestamp);
        return;
      }
      if (timestamp % step != 0) {
        boolean overflow = finerStep != 0 && timestamp % finerStep == 0;
        (overflow ? lowerUnaligned : unaligned).count(slot, timestamp);
        return;
      }
      if (base % step != 0) {
        return; // every position is off by the unaligned base, which is reported already
      }
      long expected = archive.slotOf(base, timestamp);
      if (expected != slot) {
        misplaced.count(slot, timestamp);
        misplaced.note(expected);
      }
    }

    private void finish() {
      long step = archive.secondsPerPoint();
      lowerUnaligned.describe("archive %d (%d s per point) slot %d holds timestamp %d, aligned to"
          + " archive %d's %d s but not to its own step", index, step, lowerUnaligned.slot,
          lowerUnaligned.timestamp, index - 1, finerStep);
      dataBehindEmptySlot0.describe("archive %d slot 0 is empty but slot %d holds timestamp %d",
          index, dataBehindEmptySlot0.slot, dataBehindEmptySlot0.timestamp);
      unaligned.describe("archive %d slot %d holds timestamp %d, not a multiple of %d s",
          index, unaligned.slot, unaligned.timestamp, step);
      misplaced.describe("archive %d slot %d holds timestamp %d, which belongs in slot %d",
          index, misplaced.slot, misplaced.timestamp, misplaced.noted);
      future.describe("archive %d holds timestamps up to %d, later than now (%d) + %d s",
          index, latestFuture, now, step);
    }
  }

  /** How many slots of one archive show one problem, and the first such slot. */
  private static final class Tally {
    private final Problem problem;
    private long count;
    long slot;
    long timestamp;
    long noted;
    private String message;

    Tally(Problem problem) {
      this.problem = problem;
    }

    void count(long slot, long timestamp) {
      if (count++ == 0) {
        this.slot = slot;
        this.timestamp = timestamp;
      }
    }

    // A detail of the first slot counted, such as where it belongs.
    void note(long value) {
      if (count == 1) {
        noted = value;
      }
    }

    void describe(String pattern, Object... args) {
      if (count > 0) {
        String first = String.format(Locale.ROOT, pattern, args);
        message = count == 1 ? first
            : String.format(Locale.ROOT, "%s (%d such slots)", first, count);
      }
    }

    void addTo(List<Finding> findings) {
      if (message != null) {
        findings.add(new Finding(problem, message));
      }
    }
  }
}
