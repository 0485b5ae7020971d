package io.whisper.cli.cluster;

/** A node that could not answer: down, slow, refusing, without the tool, or failing a request. */
class NodeFailure extends Exception {
  private static final long serialVersionUID = 1L;

  NodeFailure(String reason) {
    super(reason, null, false, false);
  }
}
