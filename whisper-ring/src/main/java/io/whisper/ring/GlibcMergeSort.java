package io.whisper.ring;

import java.util.Comparator;
import java.util.List;

/**
 * Sorts as the relay's {@code qsort} does on glibc (a top-down merge sort: halves of n/2 and
 * n - n/2, the left element taken on a tie). The relay's jump comparator is not a total order
 * (numbers and names mixed), so only the same algorithm gives the same order.
 */
final class GlibcMergeSort {
  private GlibcMergeSort() {}

  static <T> void sort(List<T> list, Comparator<? super T> cmp) {
    @SuppressWarnings("unchecked")
    T[] items = (T[]) list.toArray();
    @SuppressWarnings("unchecked")
    T[] tmp = (T[]) new Object[items.length];
    sort(items, 0, items.length, tmp, cmp);
    for (int i = 0; i < items.length; i++) {
      list.set(i, items[i]);
    }
  }

  private static <T> void sort(T[] b, int from, int n, T[] tmp, Comparator<? super T> cmp) {
    if (n <= 1) {
      return;
    }
    int n1 = n / 2;
    int n2 = n - n1;
    sort(b, from, n1, tmp, cmp);
    sort(b, from + n1, n2, tmp, cmp);
    int left = from;
    int right = from + n1;
    int out = 0;
    while (n1 > 0 && n2 > 0) {
      if (cmp.compare(b[left], b[right]) <= 0) {
        tmp[out++] = b[left++];
        n1--;
      } else {
        tmp[out++] = b[right++];
        n2--;
      }
    }
    // What is left of the right half is in place already.
    System.arraycopy(b, left, tmp, out, n1);
    System.arraycopy(tmp, 0, b, from, out + n1);
  }
}
