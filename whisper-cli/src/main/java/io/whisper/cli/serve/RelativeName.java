package io.whisper.cli.serve;

import io.whisper.core.os.HeldFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A name below a root as the controller sends it, {@code a/b/c.wsp} in bytes, checked before
 * anything is opened: not absolute, no empty component, no {@code .} or {@code ..}, no NUL.
 * It is then opened one component at a time from the held root, never through a link.
 */
record RelativeName(List<byte[]> components) {

  /** Splits and checks {@code path}; throws an IOException naming what is wrong. */
  static RelativeName parse(byte[] path) throws IOException {
    List<byte[]> components = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= path.length; i++) {
      if (i == path.length || path[i] == '/') {
        byte[] component = Arrays.copyOfRange(path, start, i);
        boolean dots = component.length == 0 || component[0] == '.'
            && (component.length == 1 || component.length == 2 && component[1] == '.');
        if (dots) {
          throw new IOException("refused name '" + show(path)
              + "': absolute, empty, '.' or '..' components are not allowed");
        }
        components.add(component);
        start = i + 1;
      } else if (path[i] == 0) {
        throw new IOException("refused name with a NUL byte");
      }
    }
    return new RelativeName(List.copyOf(components));
  }

  /** Returns the last component: the file's own name. */
  byte[] last() {
    return components.getLast();
  }

  /**
   * Opens the folder that holds the last component, from the folder {@code root}, following
   * no link on the way; the caller closes it.
   */
  HeldFolder openParent(Path root) throws IOException {
    HeldFolder folder = HeldFolder.open(root);
    for (byte[] component : components.subList(0, components.size() - 1)) {
      try (HeldFolder above = folder) {
        folder = above.folder(component);
      }
    }
    return folder;
  }

  static String show(byte[] path) {
    return new String(path, StandardCharsets.UTF_8);
  }
}
