package io.whisper.cli.dropin;

import io.whisper.cli.py.PyJson;
import io.whisper.cli.py.PyRepr;
import io.whisper.core.Diff.ArchiveDiff;
import io.whisper.core.Diff.DiffPoint;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders {@link io.whisper.core.Diff} results exactly as whisper-diff 1.1.4 prints them. */
final class DiffOutput {
  private final PrintWriter out;

  DiffOutput(PrintWriter out) {
    this.out = out;
  }

  /** whisper-diff's {@code print_diffs}: every differing point, pretty or in columns. */
  void points(List<ArchiveDiff> diffs, boolean pretty, boolean headers) {
    if (headers) {
      heading(pretty, "archive");
    }
    for (ArchiveDiff diff : diffs) {
      if (pretty) {
        out.print("Archive " + diff.archive() + " (" + diff.differing().size() + " of "
            + diff.total() + " datapoints differ)\n");
        heading(true, "");
      }
      for (DiffPoint p : diff.differing()) {
        if (pretty) {
          out.print(pad(7, "") + " " + pad(11, Long.toString(p.timestamp())) + " "
              + pad(13, str(p.valueA())) + " " + pad(13, str(p.valueB())) + "\n");
        } else {
          out.print(diff.archive() + " " + p.timestamp() + " " + str(p.valueA()) + " "
              + str(p.valueB()) + "\n");
        }
      }
    }
  }

  /** whisper-diff's {@code print_summary}: per archive the points compared and differing. */
  void summary(List<ArchiveDiff> diffs, boolean pretty, boolean headers) {
    if (headers) {
      summaryLine(pretty, "archive", "total", "differing");
    }
    for (ArchiveDiff diff : diffs) {
      summaryLine(pretty, Integer.toString(diff.archive()), Integer.toString(diff.total()),
          Integer.toString(diff.differing().size()));
    }
  }

  /**
   * whisper-diff's JSON ({@code sort_keys=True, indent=2, separators=(',', ' : ')}), with each
   * archive's {@code datapoint} list unless only the summary was asked for.
   */
  void json(List<ArchiveDiff> diffs, String pathA, String pathB, boolean withPoints) {
    List<Object> archives = new ArrayList<>();
    for (ArchiveDiff diff : diffs) {
      Map<String, Object> archive = new LinkedHashMap<>();
      archive.put("archive", diff.archive());
      archive.put("total", diff.total());
      archive.put("points", diff.differing().size());
      if (withPoints) {
        List<Object> points = new ArrayList<>();
        for (DiffPoint p : diff.differing()) {
          Map<String, Object> point = new LinkedHashMap<>();
          point.put("timestamp", p.timestamp());
          point.put("value_a", p.valueA());
          point.put("value_b", p.valueB());
          points.add(point);
        }
        archive.put("datapoint", points);
      }
      archives.add(archive);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("path_a", pathA);
    root.put("path_b", pathB);
    root.put("archives", archives);
    out.print(PyJson.dumps(root, 2, ",", " : ", true) + "\n");
  }

  private void heading(boolean pretty, String first) {
    if (pretty) {
      out.print(pad(7, first) + " " + pad(11, "timestamp") + " " + pad(13, "value_a") + " "
          + pad(13, "value_b") + "\n");
    } else {
      out.print(first + " timestamp value_a value_b\n");
    }
  }

  private void summaryLine(boolean pretty, String archive, String total, String differing) {
    out.print(pretty
        ? pad(7, archive) + " " + pad(9, total) + " " + pad(9, differing) + "\n"
        : archive + " " + total + " " + differing + "\n");
  }

  // Python's "%Ns": right-aligned in a field of at least N characters.
  private static String pad(int width, String text) {
    return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
  }

  private static String str(Double value) {
    return PyRepr.str(value);
  }
}
