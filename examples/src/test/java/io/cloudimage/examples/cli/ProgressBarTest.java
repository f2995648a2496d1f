package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.cloudimage.core.progress.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static final long SECOND = 1_000_000_000L;

  private final StringWriter text = new StringWriter();
  private final AtomicLong clock = new AtomicLong();

  private ProgressBar bar(boolean terminal) {
    return new ProgressBar(new PrintWriter(text, true), terminal, clock::get);
  }

  /** Reports {@code done} of 100 units every {@code stepMillis}, up to {@code seconds}. */
  private static void feed(ProgressBar bar, AtomicLong clock, long stepMillis, int seconds) {
    long steps = seconds * 1000L / stepMillis;
    for (long i = 0; i < steps; i++) {
      bar.onProgress(new Progress("digest disk.raw", i * 100 / steps, 100, ""));
      clock.addAndGet(stepMillis * 1_000_000L);
    }
  }

  @Test
  void onAPipeItPrintsAPlainLineAtMostEveryFiveSecondsAndOneAtTheEnd() {
    ProgressBar bar = bar(false);
    feed(bar, clock, 10, 12);
    bar.onProgress(new Progress("digest disk.raw", 100, 100, ""));

    String[] lines = text.toString().split("\n");
    assertThat(text.toString()).doesNotContain("\r", "[#");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).matches("digest disk\\.raw: \\d+% \\(\\d+ of 100\\)");
    assertThat(lines[2]).isEqualTo("digest disk.raw: 100% (100 of 100)");
  }

  @Test
  void onAPipeShortWorkPrintsOnlyItsFinalLine() {
    ProgressBar bar = bar(false);
    feed(bar, clock, 10, 2);
    bar.onProgress(new Progress("import a.raw", 100, 100, "done"));

    assertThat(text.toString()).isEqualTo("import a.raw: 100% (100 of 100) - done\n");
  }

  @Test
  void onAPipeAnUnknownTotalIsCountedNotPercent() {
    ProgressBar bar = bar(false);
    bar.onProgress(new Progress("list", 1, -1, ""));
    clock.addAndGet(6 * SECOND);
    bar.onProgress(new Progress("list", 12_345, -1, ""));

    assertThat(text.toString()).isEqualTo("list: 12,345 done\n");
  }

  @Test
  void onATerminalTheBarIsRedrawnInPlaceAndEndsWithANewline() {
    ProgressBar bar = bar(true);
    feed(bar, clock, 10, 1);
    bar.onProgress(new Progress("digest disk.raw", 100, 100, ""));

    String out = text.toString();
    assertThat(out).startsWith("\r[").endsWith("100% digest disk.raw\n");
    assertThat(out.chars().filter(c -> c == '\r').count()).isBetween(5L, 12L);
    assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(1);
  }

  @Test
  void quietHasNoWriterAndReportsAreDropped() {
    ProgressBar bar = new ProgressBar(null, true, clock::get);
    assertThatCode(() -> bar.onProgress(new Progress("digest disk.raw", 100, 100, "")))
        .doesNotThrowAnyException();
  }
}
