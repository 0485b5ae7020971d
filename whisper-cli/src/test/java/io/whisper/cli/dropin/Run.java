package io.whisper.cli.dropin;

/** What one run of a command left: exit status, stdout and stderr. */
record Run(int status, String out, String err) {
  @Override
  public String toString() {
    return "exit " + status + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
  }
}
