package io.whisper.cli.serve;

import static io.whisper.cli.support.Specs.option;

import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.Subcommand;
import io.whisper.core.os.NativeAccess;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code whisper serve}: the node side of {@code whisper cluster}, run by ssh. It answers the
 * controller's requests on standard input and output and touches nothing outside its roots
 * and their trash folders.
 */
public final class ServeCommand implements Callable<Integer>, Subcommand {

  private final InputStream in;
  private final OutputStream out;
  private List<Path> roots = new ArrayList<>();
  private Path trash;
  private final CommandSpec spec = declare();

  /** The command ssh runs: frames on the process's standard input and output. */
  public ServeCommand() {
    // stdout carries frames only: nothing else may write to it
    this(new FileInputStream(FileDescriptor.in),
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
  }

  /** The command on other streams: the AOT training's requests. */
  public ServeCommand(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  private CommandSpec declare() {
    CommandSpec spec = Specs.command("serve", this)
        .addOption(option(Path.class, v -> roots.add(v), "--root").paramLabel("DIR")
            .required(true).description("A storage root to serve (repeat for several)").build())
        .addOption(option(Path.class, v -> trash = v, "--trash").paramLabel("DIR")
            .description("Where deleted files go, outside the root and on its file system"
                + " (default: ROOT.trash beside the root; one root only)").build());
    spec.usageMessage()
        .description(
            "Answer 'whisper cluster' over standard input and output: what ssh runs on each"
                + " storage node. Speaks a framed, versioned protocol, not text; exits when the"
                + " controller closes the session. Names below the roots only: no '..', no"
                + " absolute names, no symbolic link followed.",
            "",
            "To pin an ssh key to it, in the node's ~/.ssh/authorized_keys:",
            "  command=\"whisper serve --root /var/lib/graphite/whisper\",restrict ssh-ed25519 AAAA...")
        .exitCodeListHeading("%nExit status:%n")
        .exitCodeList(Specs.exitCodeList(
            "0:the controller ended the session",
            "1:the session broke (not the protocol, or the pipe closed mid-frame)",
            "2:usage error (a root missing, the trash inside a root)"))
        .footer("", "Example (what the controller runs):",
            "  ssh -o BatchMode=yes store1 whisper serve --root /var/lib/graphite/whisper");
    return Specs.withStandardHelp(spec);
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    List<Server.Root> served = new ArrayList<>();
    if (trash != null && roots.size() > 1) {
      err.println("whisper serve: --trash needs a single --root (each of several roots has"
          + " ROOT.trash)");
      return ExitCodes.USAGE;
    }
    if (!NativeAccess.available()) {
      err.println("whisper serve: needs Linux and native access (--enable-native-access)");
      return ExitCodes.USAGE;
    }
    for (Path root : roots) {
      Path absolute = root.toAbsolutePath().normalize();
      if (!Files.isDirectory(absolute)) {
        err.println("whisper serve: " + root + " is not a folder");
        return ExitCodes.USAGE;
      }
      Path bin = trash != null ? trash.toAbsolutePath().normalize()
          : absolute.resolveSibling(absolute.getFileName() + ".trash");
      if (bin.startsWith(absolute)) {
        err.println("whisper serve: the trash " + bin + " is inside the root " + root);
        return ExitCodes.USAGE;
      }
      served.add(new Server.Root(root.toString(), absolute, bin));
    }
    try {
      new Server(served, version(), in, out).run();
      out.flush();
      return 0;
    } catch (IOException e) {
      err.println("whisper serve: " + e.getMessage());
      return 1;
    }
  }

  private static String version() {
    String version = ServeCommand.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }
}
