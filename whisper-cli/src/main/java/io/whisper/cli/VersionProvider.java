package io.whisper.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest, so it is written in one place: the POM. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = WhisperCli.class.getPackage().getImplementationVersion();
    return new String[] {
      "whisper " + (version == null ? "(development build)" : version),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
