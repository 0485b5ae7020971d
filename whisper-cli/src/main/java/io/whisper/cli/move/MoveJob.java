package io.whisper.cli.move;

import java.nio.file.Path;

/**
 * One move to do: the batch line it came from (null for a pair or a tree) and its paths, or why
 * it cannot be done (the paths then null).
 */
record MoveJob(Integer line, Path source, Path destination, String error) {}
