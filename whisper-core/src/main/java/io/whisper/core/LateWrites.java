package io.whisper.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Carries the points a writer put into a source after it was copied into a destination of the
 * same layout: a three-way merge of 12-byte slots between the bytes copied ({@code before}),
 * the source now ({@code after}) and the destination.
 *
 * <p>A changed source slot is written unless the destination holds a different value for the
 * same timestamp than the one copied: then someone (carbon at the new place) wrote it there
 * after the copy, and the newer write wins. Raw slots of every archive are carried, so what the
 * writer propagated to the lower archives comes along without propagating again.
 */
final class LateWrites {
  private LateWrites() {}

  /**
   * Writes into {@code destination} the slots that differ between {@code before} and
   * {@code after}.
   *
   * @return the number of slots written
   * @throws IOException if the source changed size or layout
   */
  static long carry(Header header, byte[] before, byte[] after, WhisperFile destination)
      throws IOException {
    if (before.length != after.length || !destination.header().equals(header)) {
      throw new IOException("the source changed its size or layout during the move");
    }
    ByteBuffer old = ByteBuffer.wrap(before);
    ByteBuffer now = ByteBuffer.wrap(after);
    long written = 0;
    for (int index = 0; index < header.archives().size(); index++) {
      ArchiveInfo archive = header.archive(index);
      Slots target = null;
      for (int slot = 0; slot < archive.points(); slot++) {
        int at = (int) (archive.offset() + (long) slot * Point.BYTES);
        if (Arrays.equals(before, at, at + Point.BYTES, after, at, at + Point.BYTES)) {
          continue;
        }
        long timestamp = Integer.toUnsignedLong(now.getInt(at));
        if (timestamp == 0) {
          continue;
        }
        if (target == null) {
          target = destination.readSlots(index);
        }
        boolean copiedSameTimestamp = Integer.toUnsignedLong(old.getInt(at)) == timestamp;
        long copiedBits = old.getLong(at + 4);
        if (writable(target, timestamp, copiedSameTimestamp, copiedBits)) {
          destination.writeSlot(index, timestamp, now.getDouble(at + 4));
          written++;
        }
      }
    }
    return written;
  }

  // Write where the destination's slot is empty or older, or still holds the value copied.
  private static boolean writable(
      Slots target, long timestamp, boolean copiedSameTimestamp, long copiedBits) {
    if (target.base() == 0) {
      return true;
    }
    int position = target.indexOf(timestamp);
    long there = target.timestamps()[position];
    if (there != timestamp) {
      return there < timestamp;
    }
    return copiedSameTimestamp
        && Double.doubleToRawLongBits(target.values()[position]) == copiedBits;
  }
}
