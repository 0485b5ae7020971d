package io.whisper.cli.dropin;

/** Stands in for the CLI in {@link LauncherSymlinkTest}: prints its arguments, one a line. */
public final class EchoMain {
  private EchoMain() {}

  /** Prints each argument on its own line. */
  public static void main(String... args) {
    for (String arg : args) {
      System.out.println(arg);
    }
  }
}
