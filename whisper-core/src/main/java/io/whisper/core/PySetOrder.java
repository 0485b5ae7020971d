package io.whisper.core;

import java.util.Arrays;

/**
 * The iteration order of CPython's (3.7 to 3.13) {@code set(list_of_ints)} for non-negative
 * ints below 2^61-1, whose hash is the int itself (docs/format.md Appendix A).
 *
 * <p>whisper.py propagates a write to a lower archive interval by interval in the order of such
 * a set, and the first interval that succeeds becomes slot 0 of an empty lower archive. Fetches
 * do not depend on it, but the file's bytes do.
 */
final class PySetOrder {
  private static final long EMPTY = -1;
  private static final int LINEAR_PROBES = 9;
  private static final int PERTURB_SHIFT = 5;

  private long[] table = new long[8];
  private int mask = 7;
  private int fill;

  private PySetOrder() {
    Arrays.fill(table, EMPTY);
  }

  /** Returns the distinct {@code keys} (the first {@code count}) in CPython set order. */
  static long[] order(long[] keys, int count) {
    PySetOrder set = new PySetOrder();
    for (int k = 0; k < count; k++) {
      set.add(keys[k]);
    }
    long[] ordered = new long[set.fill];
    int n = 0;
    for (long key : set.table) {
      if (key != EMPTY) {
        ordered[n++] = key;
      }
    }
    return ordered;
  }

  private void add(long key) {
    long perturb = key;
    int i = (int) (key & mask);
    while (true) {
      int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      for (int idx = i; idx <= i + probes; idx++) {
        if (table[idx] == EMPTY) {
          table[idx] = key;
          fill++;
          if ((long) fill * 5 >= (long) mask * 3) {
            resize();
          }
          return;
        }
        if (table[idx] == key) {
          return;
        }
      }
      perturb >>>= PERTURB_SHIFT;
      i = (int) ((i * 5L + 1 + perturb) & mask);
    }
  }

  private void resize() {
    int minUsed = fill > 50000 ? fill * 2 : fill * 4;
    int newSize = 8;
    while (newSize <= minUsed) {
      newSize <<= 1;
    }
    long[] old = table;
    table = new long[newSize];
    Arrays.fill(table, EMPTY);
    mask = newSize - 1;
    for (long key : old) {
      if (key != EMPTY) {
        insertClean(key);
      }
    }
  }

  private void insertClean(long key) {
    long perturb = key;
    int i = (int) (key & mask);
    while (true) {
      if (table[i] == EMPTY) {
        table[i] = key;
        return;
      }
      if (i + LINEAR_PROBES <= mask) {
        for (int j = 1; j <= LINEAR_PROBES; j++) {
          if (table[i + j] == EMPTY) {
            table[i + j] = key;
            return;
          }
        }
      }
      perturb >>>= PERTURB_SHIFT;
      i = (int) ((i * 5L + 1 + perturb) & mask);
    }
  }
}
