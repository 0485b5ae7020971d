package io.whisper.cli.dropin;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.optionalPositional;
import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.py.PyJson;
import io.whisper.cli.py.PyRepr;
import io.whisper.cli.support.Specs;
import io.whisper.core.AggregationMethod;
import io.whisper.core.ArchiveInfo;
import io.whisper.core.Header;
import io.whisper.core.HeaderCodec;
import io.whisper.core.os.RegularFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code whisper info}: whisper-info's header listing, text, JSON or one field. */
public final class InfoCommand extends DropInCommand {

  private boolean json;
  private String path;
  private String field;

  @Override
  protected CommandSpec declare() {
    CommandSpec spec = Specs.command("info", this)
        .addOption(flag(v -> json = v, "--json").description("Print the header as JSON.").build())
        .addPositional(optionalPositional(String.class, v -> path = v).index("0")
            .paramLabel("PATH").description("The whisper file.").build())
        .addPositional(optionalPositional(String.class, v -> field = v).index("1")
            .paramLabel("FIELD").description("Print only this field.").build())
        // whisper-info ignores arguments after FIELD; so do we, so that scripts keep working.
        .addPositional(positionals(String.class, v -> { }).index("2..*").hidden(true).build());
    spec.usageMessage()
        .header("Print a whisper file's header (drop-in for whisper-info).")
        .description(
            "Print a whisper file's header: aggregation method, retention, xFilesFactor, file size"
                + " and each archive, as whisper-info does. With FIELD, print only that field"
                + " (aggregationMethod, maxRetention, xFilesFactor, archives, fileSize).",
            "Like whisper-info it shows any header whisper.py can read, even one `whisper fsck`"
                + " calls corrupt.")
        .footer(
            "",
            "Examples:",
            "  whisper info /data/whisper/carbon/agents/a/cpuUsage.wsp",
            "  whisper info --json a.wsp",
            "  whisper info a.wsp xFilesFactor      # prints 0.5",
            "",
            "Exit status: 0 success, 1 missing or unreadable file or unknown field, 2 bad option.");
    return Specs.withStandardHelp(spec);
  }

  @Override
  protected int run() {
    if (path == null) {
      throw ScriptError.usage("whisper info: missing PATH", 1);
    }
    Map<String, Object> info = info(path);
    // One write of the whole text, not a write(2) per line.
    StringBuilder text = new StringBuilder(512);
    if (field != null && !field.isEmpty()) {
      if (!info.containsKey(field)) {
        throw ScriptError.plain("Unknown field \"" + field + "\". Valid fields are "
            + String.join(",", info.keySet()));
      }
      text.append(PyRepr.str(info.get(field))).append('\n');
    } else if (json) {
      text.append(PyJson.dumps(info, 2, ",", ": ", false)).append('\n');
    } else {
      for (Map.Entry<String, Object> entry : info.entrySet()) {
        if (!entry.getKey().equals("archives")) {
          text.append(entry.getKey()).append(": ").append(PyRepr.str(entry.getValue()))
              .append('\n');
        }
      }
      text.append('\n');
      int i = 0;
      for (Object archive : (List<?>) info.get("archives")) {
        text.append("Archive ").append(i++).append('\n');
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) archive).entrySet()) {
          text.append(entry.getKey()).append(": ").append(PyRepr.str(entry.getValue()))
              .append('\n');
        }
        text.append('\n');
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(text);
    out.flush();
    return 0;
  }

  /** whisper.info(path) plus fileSize, in whisper-info's key order. */
  private static Map<String, Object> info(String path) {
    Header header;
    long fileSize;
    try (FileChannel channel = RegularFiles.open(Path.of(path))) {
      fileSize = channel.size();
      header = HeaderCodec.readLenient(channel, Path.of(path));
    } catch (IOException e) {
      throw ScriptError.error(PythonErrors.describe(e, path), e);
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("aggregationMethod", AggregationMethod.fromCode(header.aggregationType()).pythonName());
    info.put("maxRetention", header.maxRetention());
    info.put("xFilesFactor", header.xFilesFactorAsDouble());
    List<Map<String, Object>> archives = new ArrayList<>();
    for (ArchiveInfo archive : header.archives()) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("offset", archive.offset());
      a.put("secondsPerPoint", archive.secondsPerPoint());
      a.put("points", archive.points());
      a.put("retention", archive.retention());
      a.put("size", archive.byteSize());
      archives.add(a);
    }
    info.put("archives", archives);
    info.put("fileSize", fileSize);
    return info;
  }
}
