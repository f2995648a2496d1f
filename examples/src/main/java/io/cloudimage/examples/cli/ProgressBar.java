package io.cloudimage.examples.cli;

import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;

/**
 * Draws progress on stderr: a bar redrawn in place on a terminal, one line per finished step
 * otherwise. Never writes to stdout, so {@code --json} output stays clean.
 */
final class ProgressBar implements ProgressListener {
  private static final int WIDTH = 30;

  private final @Nullable PrintWriter err;
  private final boolean terminal = System.console() != null;
  private long lastDraw;

  ProgressBar(@Nullable PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void onProgress(Progress p) {
    PrintWriter out = err;
    if (out == null) {
      return;
    }
    boolean finished = p.total() >= 0 && p.done() >= p.total();
    long now = System.nanoTime();
    if (!finished && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    double f = p.fraction();
    String bar;
    if (f < 0) {
      bar = String.format("%,d", p.done());
    } else {
      int filled = (int) Math.round(f * WIDTH);
      bar =
          "["
              + "#".repeat(filled)
              + " ".repeat(WIDTH - filled)
              + "] "
              + String.format("%3d%%", Math.round(f * 100));
    }
    if (terminal) {
      out.print("\r" + bar + " " + p.operation() + (finished ? "\n" : ""));
      out.flush();
    } else if (finished) {
      out.println(bar + " " + p.operation());
    }
  }
}
