package io.whisper.cli.cluster;

/** A request the node refused or could not do (FAIL); the session itself goes on. */
final class RequestFailure extends NodeFailure {
  private static final long serialVersionUID = 1L;

  RequestFailure(String reason) {
    super(reason);
  }
}
