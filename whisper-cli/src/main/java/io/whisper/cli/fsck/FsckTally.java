package io.whisper.cli.fsck;

import io.whisper.cli.support.ExitCodes;
import io.whisper.core.fsck.CheckResult;

/**
 * The running counts of a scan, from which come the summary and the exit status (fsck(8)
 * bits, {@link ExitCodes.Fsck}). Synchronized: the interrupt handler reads it from its own thread.
 */
public final class FsckTally {
  private long files;
  private long bytes;
  private long corrupt;
  private long warnings;
  private long compressed;
  private long corrected;
  private long uncorrected;
  private long operationalErrors;
  private boolean interrupted;

  /** Counts one checked file. */
  public synchronized void count(CheckResult result) {
    if (result instanceof CheckResult.Unreadable) {
      operationalErrors++;
    } else {
      files++;
      if (result instanceof CheckResult.Warnings) {
        warnings++;
      } else if (result instanceof CheckResult.Corrupt) {
        corrupt++;
      } else if (result instanceof CheckResult.Compressed) {
        compressed++;
      }
    }
    bytes += result.size();
  }

  /** Counts a corrupt file moved out of the way. */
  public synchronized void corrected() {
    corrected++;
  }

  /** Counts a corrupt file left where it is. */
  public synchronized void uncorrected() {
    uncorrected++;
  }

  /** Counts an operational error: a path missing, unreadable, or a move that failed. */
  public synchronized void operationalError() {
    operationalErrors++;
  }

  /** Marks the scan as cut short. */
  public synchronized void interrupted() {
    interrupted = true;
  }

  /** Returns the fsck(8) exit status: the OR of the bits that apply; 0 when all is well. */
  public synchronized int exitStatus() {
    int status = 0;
    if (corrected > 0) {
      status |= ExitCodes.Fsck.CORRECTED;
    }
    if (uncorrected > 0) {
      status |= ExitCodes.Fsck.UNCORRECTED;
    }
    if (operationalErrors > 0) {
      status |= ExitCodes.Fsck.OPERATIONAL_ERROR;
    }
    if (interrupted) {
      status |= ExitCodes.Fsck.INTERRUPTED;
    }
    return status;
  }

  /** Returns a snapshot of the counts. */
  public synchronized Counts counts() {
    return new Counts(files, bytes, corrupt, warnings, compressed, corrected, uncorrected,
        operationalErrors, interrupted);
  }

  /** The counts at one moment. */
  public record Counts(long files, long bytes, long corrupt, long warnings, long compressed,
      long corrected, long uncorrected, long operationalErrors, boolean interrupted) {}
}
