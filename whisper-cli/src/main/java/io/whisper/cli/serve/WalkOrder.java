package io.whisper.cli.serve;

/**
 * The order in which every node lists its metrics, so the controller can merge the nodes'
 * streams into one without holding them: paths below the root compared component by
 * component in unsigned bytes, a name before the longer names it starts ({@code a/b.wsp}
 * before {@code a.wsp}, as a folder's entries sorted by name and walked depth first give).
 */
public final class WalkOrder {
  private WalkOrder() {}

  /** Compares the paths {@code a} and {@code b} ({@code x/y.wsp}, in bytes) in walk order. */
  public static int compare(byte[] a, byte[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int x = a[i] == '/' ? -1 : a[i] & 0xff;
      int y = b[i] == '/' ? -1 : b[i] & 0xff;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return Integer.compare(a.length, b.length);
  }
}
