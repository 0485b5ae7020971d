package io.whisper.cli.support;

/**
 * Every exit status of the {@code whisper} commands, named once; docs/output.md is the table
 * operators read. Most commands share 0, 1 and 2; {@code fsck} ORs fsck(8)'s bits instead
 * ({@link Fsck}).
 */
public final class ExitCodes {
  /** Everything was done. */
  public static final int OK = 0;
  /** Some of the work failed, each failure named; the rest was done. */
  public static final int FAILED = 1;
  /** {@code whisper cluster check}: the files and the ring disagree, each finding printed. */
  public static final int FINDINGS = 1;
  /** Bad arguments: nothing was done. */
  public static final int USAGE = 2;
  /**
   * {@code whisper cluster}: a node failed (named), so the answer is partial; shares 2 with
   * usage errors, as the cluster verbs' help says.
   */
  public static final int NODE_FAILED = 2;
  /** {@code fill}: SIGINT or SIGTERM stopped the run; the same command again finishes it. */
  public static final int INTERRUPTED = 3;
  /** {@code backup}: the snapshot was written, but some files could not be read. */
  public static final int INCOMPLETE = 3;

  private ExitCodes() {}

  /** {@code whisper fsck}'s status: these bits OR-ed, as fsck(8)'s; 0 when all is well. */
  public static final class Fsck {
    /** Problems were corrected. */
    public static final int CORRECTED = 1;
    /** Problems were left uncorrected. */
    public static final int UNCORRECTED = 4;
    /** Operational error: a path missing or unreadable, a move that failed. */
    public static final int OPERATIONAL_ERROR = 8;
    /** Usage error. */
    public static final int USAGE = 16;
    /** Interrupted. */
    public static final int INTERRUPTED = 32;

    private Fsck() {}
  }
}
