package io.cloudimage.examples.cli;

import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Shows progress on stderr. On a terminal, a bar redrawn in place about ten times a second. On a
 * pipe or a file, where redrawing would leave a carriage-return mess, a plain line at most every
 * {@link #PLAIN_INTERVAL_NANOS five seconds} and one when the work finishes. Nothing at all with
 * {@code --quiet} (no writer). Never writes to stdout, so {@code --json} output stays clean.
 */
final class ProgressBar implements ProgressListener {
  private static final int WIDTH = 30;
  private static final long REDRAW_INTERVAL_NANOS = 100_000_000L;
  static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

  private final @Nullable PrintWriter err;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private boolean drawn;
  private long lastDraw;

  /** Progress on {@code err}, or none when it is null ({@code --quiet}). */
  ProgressBar(@Nullable PrintWriter err) {
    this(err, stderrIsTerminal(), System::nanoTime);
  }

  /** For tests: the terminal question answered and the clock given. */
  ProgressBar(@Nullable PrintWriter err, boolean terminal, LongSupplier nanoClock) {
    this.err = err;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
  }

  // JDK 17 has no Console.isTerminal(); a console exists only when stdin and stdout are a
  // terminal, the best sign it offers. On JDK 22 and later System.console() is never null unless
  // -Djdk.console=java.base, which is why the launcher passes that property.
  @SuppressWarnings("SystemConsoleNull")
  private static boolean stderrIsTerminal() {
    return System.console() != null;
  }

  @Override
  public synchronized void onProgress(Progress p) {
    PrintWriter out = err;
    if (out == null) {
      return;
    }
    boolean finished = p.total() >= 0 && p.done() >= p.total();
    long now = nanoClock.getAsLong();
    long interval = terminal ? REDRAW_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS;
    if (!finished && drawn && now - lastDraw < interval) {
      return;
    }
    if (!finished && !drawn && !terminal) {
      // The first plain line waits one interval: short work prints only its final line.
      drawn = true;
      lastDraw = now;
      return;
    }
    drawn = true;
    lastDraw = now;
    if (terminal) {
      out.print("\r" + bar(p) + " " + p.operation() + (finished ? "\n" : ""));
      out.flush();
    } else {
      out.println(plain(p));
    }
  }

  private static String bar(Progress p) {
    double f = p.fraction();
    if (f < 0) {
      return String.format(Locale.ROOT, "%,d", p.done());
    }
    int filled = (int) Math.round(f * WIDTH);
    return "["
        + "#".repeat(filled)
        + " ".repeat(WIDTH - filled)
        + "] "
        + String.format(Locale.ROOT, "%3d%%", Math.round(f * 100));
  }

  /**
   * One self-contained line, such as {@code "digest disk.raw: 42% (440,401,920 of 1,073,741,824)"}.
   */
  private static String plain(Progress p) {
    double f = p.fraction();
    String amount =
        f < 0
            ? String.format(Locale.ROOT, "%,d done", p.done())
            : String.format(
                Locale.ROOT, "%d%% (%,d of %,d)", Math.round(f * 100), p.done(), p.total());
    return p.operation() + ": " + amount + (p.message().isEmpty() ? "" : " - " + p.message());
  }
}
