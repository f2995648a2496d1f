package io.cloudimage.aliyun;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Copies images to other regions within a deadline: starts every copy, polls their progress, and
 * when the window closes reports (and, when asked, cancels) what did not finish. The default window
 * is the two-hour sync window of a release.
 *
 * <p>Every copy is idempotent ({@link CopyRequest#clientToken()}): a window run again after a crash
 * finds the copies the first run started and waits for them instead of copying again.
 *
 * <pre>{@code
 * CopyWindow.Report r = new CopyWindow(ecs, Duration.ofHours(2)).run(List.of(
 *     CopyRequest.toRegion("m-bp1abc", "cn-shanghai", "web-2026.11")));
 * r.unfinished().forEach(o -> System.out.println(o.request().targetRegion() + " " + o.progress() + "%"));
 * }</pre>
 */
public final class CopyWindow {
  /** The release's sync window. */
  public static final Duration SYNC_WINDOW = Duration.ofHours(2);

  private final AliyunProvider provider;
  private final Duration window;
  private final Duration pollEvery;
  private final AtDeadline atDeadline;
  private final Clock clock;
  private final RetryPolicy.Sleeper sleeper;

  /** A window that polls every 30 s and cancels what is unfinished at the deadline. */
  public CopyWindow(AliyunProvider provider, Duration window) {
    this(
        provider,
        window,
        Duration.ofSeconds(30),
        AtDeadline.CANCEL_UNFINISHED,
        Clock.systemUTC(),
        d -> Thread.sleep(d.toMillis()));
  }

  /**
   * A window with its own polling, clock and sleeper.
   *
   * @param atDeadline what becomes of copies still running when the window closes
   */
  public CopyWindow(
      AliyunProvider provider,
      Duration window,
      Duration pollEvery,
      AtDeadline atDeadline,
      Clock clock,
      RetryPolicy.Sleeper sleeper) {
    this.provider = provider;
    this.window = window;
    this.pollEvery = pollEvery;
    this.atDeadline = Objects.requireNonNull(atDeadline, "atDeadline");
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** What becomes of copies still running when the window closes. */
  public enum AtDeadline {
    /** They are cancelled (CancelCopyImage) and reported unfinished. */
    CANCEL_UNFINISHED,
    /** They go on in the cloud and are reported unfinished. */
    LEAVE_RUNNING
  }

  /**
   * Where one copy stands.
   *
   * @param request what was asked
   * @param copyImageId the copy's id in the target region, or {@code null} when it never started
   * @param progress its last progress in percent
   * @param state its last state
   * @param problem why it failed or did not finish, or {@code null} when it finished
   */
  public record Outcome(
      CopyRequest request,
      @Nullable String copyImageId,
      int progress,
      ImageState state,
      @Nullable String problem) {}

  /**
   * What the window achieved.
   *
   * @param finished the copies available in their regions
   * @param unfinished the copies that failed, never started or were still running at the deadline
   * @param deadline when the window closed
   */
  public record Report(List<Outcome> finished, List<Outcome> unfinished, Instant deadline) {
    public Report {
      finished = List.copyOf(finished);
      unfinished = List.copyOf(unfinished);
    }

    /** Whether every copy finished. */
    public boolean complete() {
      return unfinished.isEmpty();
    }
  }

  /** Starts the copies and waits for them until the window closes. */
  public Report run(List<CopyRequest> copies) {
    Instant deadline = clock.instant().plus(window);
    Map<CopyRequest, Outcome> state = new LinkedHashMap<>();
    for (CopyRequest c : copies) {
      try {
        Image copy = provider.copyImage(c);
        state.put(c, new Outcome(c, copy.nativeId(), 0, copy.state(), "running"));
      } catch (CloudImageException e) {
        state.put(c, new Outcome(c, null, 0, ImageState.FAILED, "not started: " + e.getMessage()));
      }
    }
    while (true) {
      boolean running = false;
      for (Map.Entry<CopyRequest, Outcome> e : state.entrySet()) {
        Outcome o = e.getValue();
        String id = o.copyImageId();
        if (id == null || o.state() != ImageState.PENDING) {
          continue;
        }
        Image copy = provider.describeIn(o.request().targetRegion(), id);
        int progress =
            copy.state() == ImageState.AVAILABLE
                ? 100
                : provider.progress(o.request().targetRegion(), id);
        String problem =
            switch (copy.state()) {
              case AVAILABLE -> null;
              case PENDING -> "running";
              default -> "copy ended " + copy.state();
            };
        e.setValue(new Outcome(o.request(), id, progress, copy.state(), problem));
        running |= copy.state() == ImageState.PENDING;
      }
      if (!running || !clock.instant().plus(pollEvery).isBefore(deadline)) {
        break;
      }
      try {
        sleeper.sleep(pollEvery);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<Outcome> finished = new ArrayList<>();
    List<Outcome> unfinished = new ArrayList<>();
    for (Outcome o : state.values()) {
      if (o.state() == ImageState.AVAILABLE) {
        finished.add(o);
        continue;
      }
      String id = o.copyImageId();
      if (o.state() == ImageState.PENDING && id != null) {
        String problem = "not finished in the " + window + " window at " + o.progress() + "%";
        if (atDeadline == AtDeadline.CANCEL_UNFINISHED) {
          try {
            provider.cancelCopy(o.request().targetRegion(), id);
            problem += "; cancelled";
          } catch (CloudImageException e) {
            problem += "; cancelling failed: " + e.getMessage();
          }
        }
        o = new Outcome(o.request(), id, o.progress(), o.state(), problem);
      }
      unfinished.add(o);
    }
    return new Report(finished, unfinished, deadline);
  }
}
