package io.whisper.cli.cluster;

/** What came of one node's part of a verb. */
sealed interface NodeOutcome permits NodeOutcome.Answered, NodeOutcome.Failed {
  Node node();

  /** The node answered every request. */
  record Answered(Node node) implements NodeOutcome {}

  /** The node could not: the reason, as reported. */
  record Failed(Node node, String reason) implements NodeOutcome {}
}
