package io.whisper.cli.dropin;

import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.py.PyFloat;
import io.whisper.cli.support.Specs;
import io.whisper.core.AggregationMethod;
import io.whisper.core.ArchiveInfo;
import io.whisper.core.Header;
import io.whisper.core.Point;
import io.whisper.core.os.RegularFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code whisper dump}: whisper-dump's listing of the header and every raw slot. */
public final class DumpCommand extends DropInCommand {
  private static final int POINTS_PER_READ = 4096;

  private final TimeLabelOptions time = new TimeLabelOptions();
  private List<String> paths = new ArrayList<>();

  @Override
  protected CommandSpec declare() {
    CommandSpec spec = time.addTo(Specs.command("dump", this))
        .addPositional(positionals(String.class, v -> paths = v).paramLabel("PATH")
            .description("The whisper file.").build());
    spec.usageMessage()
        .header("Print a whisper file's header and every slot (drop-in for whisper-dump).")
        .description(
            "Print a whisper file's header and every slot of every archive, in file order, as"
                + " whisper-dump does: 'INDEX: TIMESTAMP, VALUE', an empty slot as"
                + " '0,          0'.",
            "Like whisper-dump it reads the header without checking it (an unknown aggregation"
                + " type prints as average), so it shows damaged files `whisper fsck` refuses.")
        .footer(
            "",
            "Examples:",
            "  whisper dump a.wsp",
            "  whisper dump --pretty a.wsp                 # Thu Nov 14 22:13:20 2023, local time",
            "  whisper dump --pretty -t '%%F %%T' a.wsp      # 2023-11-14 22:13:20",
            "",
            "Exit status: 0 success, 1 missing or truncated file, 2 bad option or not one PATH.");
    return Specs.withStandardHelp(spec);
  }

  @Override
  protected int run() throws IOException {
    if (paths.size() != 1) {
      throw ScriptError.usage("whisper dump: require one input file name", 2);
    }
    String path = paths.getFirst();
    if (!Files.exists(Path.of(path))) {
      throw ScriptError.error("File \"" + path + "\" does not exist!");
    }
    TimeLabels labels = time.labels();
    PrintWriter out = spec.commandLine().getOut();
    try (FileChannel channel = open(path)) {
      Header header = RawHeader.read(channel, path);
      out.print(headerText(header));
      for (int i = 0; i < header.archives().size(); i++) {
        out.println("Archive " + i + " data:");
        if (!dumpArchive(channel, header.archive(i), labels, out)) {
          out.flush();
          throw ScriptError.error("archive " + i + " is cut short by the end of the file ("
              + path + ")");
        }
        if (outputClosed()) {
          return 141; // stdout closed (| head): stop as the script's SIGPIPE death does.
        }
      }
    }
    out.flush();
    return 0;
  }

  private static FileChannel open(String path) {
    try {
      return RegularFiles.open(Path.of(path));
    } catch (IOException e) {
      throw ScriptError.error(PythonErrors.describe(e, path), e);
    }
  }

  private static String headerText(Header header) {
    String method = AggregationMethod.isKnownCode(header.aggregationType())
        ? AggregationMethod.fromCode(header.aggregationType()).pythonName()
        : "average";
    StringBuilder text = new StringBuilder()
        .append("Meta data:\n")
        .append("  aggregation method: ").append(method).append('\n')
        .append("  max retention: ").append(header.maxRetention()).append('\n')
        .append("  xFilesFactor: ").append(PyFloat.percentG(header.xFilesFactorAsDouble()))
        .append("\n\n");
    int i = 0;
    for (ArchiveInfo archive : header.archives()) {
      text.append("Archive ").append(i++).append(" info:\n")
          .append("  offset: ").append(archive.offset()).append('\n')
          .append("  seconds per point: ").append(archive.secondsPerPoint()).append('\n')
          .append("  points: ").append(archive.points()).append('\n')
          .append("  retention: ").append(archive.retention()).append('\n')
          .append("  size: ").append(archive.byteSize()).append("\n\n");
    }
    return text.toString();
  }

  /** Prints every slot; returns false if the file ends before the archive does. */
  private boolean dumpArchive(
      FileChannel channel, ArchiveInfo archive, TimeLabels labels, PrintWriter out)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(POINTS_PER_READ * Point.BYTES);
    for (long first = 0; first < archive.points(); first += POINTS_PER_READ) {
      int count = (int) Math.min(POINTS_PER_READ, archive.points() - first);
      buffer.clear().limit(count * Point.BYTES);
      long position = archive.offset() + first * Point.BYTES;
      while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
        // read until full or end of file
      }
      int complete = buffer.position() / Point.BYTES;
      StringBuilder lines = new StringBuilder(complete * 64);
      for (int j = 0; j < complete; j++) {
        long timestamp = Integer.toUnsignedLong(buffer.getInt(j * Point.BYTES));
        double value = buffer.getDouble(j * Point.BYTES + 4);
        lines.append(first + j).append(": ").append(labels.label(timestamp)).append(", ")
            .append(PyFloat.percentG(value, 10, 35)).append('\n');
      }
      out.print(lines);
      if (complete < count) {
        return false;
      }
      if (outputClosed()) {
        return true;
      }
    }
    return true;
  }
}
