package io.cloudimage.core.progress;

/**
 * One report from long work.
 *
 * @param operation what is being done, such as {@code "import ubuntu-24.04.raw"}
 * @param done units done so far (bytes, items), never negative
 * @param total units in all, or {@code -1} when unknown
 * @param message a short human note on the current step; may be empty
 */
public record Progress(String operation, long done, long total, String message) {
  public Progress {
    if (done < 0) {
      throw new IllegalArgumentException("Progress.done must be >= 0, was " + done);
    }
    if (total < -1) {
      throw new IllegalArgumentException("Progress.total must be >= -1, was " + total);
    }
  }

  /** The fraction done in {@code [0, 1]}, or {@code -1} when the total is unknown. */
  public double fraction() {
    if (total <= 0) {
      return total == 0 ? 1.0 : -1;
    }
    return Math.min(1.0, (double) done / total);
  }
}
