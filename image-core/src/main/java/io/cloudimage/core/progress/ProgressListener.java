package io.cloudimage.core.progress;

/**
 * Receives {@link Progress} reports from long work. Implementations must be quick and must not
 * throw; they may be called from worker threads.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores every report. */
  ProgressListener NONE = progress -> {};

  /** Called with each report, in order for a given operation. */
  void onProgress(Progress progress);
}
