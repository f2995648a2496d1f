package io.cloudimage.core.replication;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.client.Providers;
import io.cloudimage.core.delta.DeltaEngine;
import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link ReplicationPlan}: copies every image to every destination, at most {@link
 * ReplicationPlan#concurrency()} at a time, and verifies each copy's SHA-256 at the destination.
 *
 * <ul>
 *   <li><b>Never twice.</b> Before copying, the destination is searched for a copy of the image
 *       (tagged {@code cloudimage:replica-of}); one found is verified instead of copied again.
 *   <li><b>Resume.</b> With a {@linkplain Builder#journal(Path) journal}, an {@code INTENT} is
 *       written before each copy and its outcome after; a run after a crash finishes the copies
 *       that were interrupted, adopting a copy the crash left complete, and never copies twice.
 *       Cloud copies are sent under an idempotency token the intent records (stable per run, image
 *       and destination): resumed, the same request with the same token answers with the copy the
 *       interrupted attempt made.
 *   <li><b>Other accounts.</b> A cloud destination with an account is copied to from that account
 *       (the source image is shared with it first); the {@linkplain Builder#opener opener} must
 *       open such a location acting as the account, for its region and for the source's.
 *   <li><b>Retries</b> are the provider client's: each call is bounded and retried under its {@link
 *       io.cloudimage.core.provider.RetryPolicy}; a copy that still fails is reported {@link
 *       ReplicationStatus#FAILED} and the others go on.
 *   <li><b>Local homes</b> receive a block delta against their previous version of the image's
 *       family when they have one, applied with both digests checked; {@link
 *       ReplicationResult#bytesMoved()} says what moved, beside the full size.
 * </ul>
 *
 * <pre>{@code
 * try (LocalProvider eu = LocalProvider.builder().home(Path.of("/srv/eu")).build()) {
 *   ReplicationReport report = Replicator.builder().source(eu).journal(Path.of("/srv/journal"))
 *       .build().run(ReplicationPlan.read(Path.of("plan.yaml")));
 * }
 * }</pre>
 */
public final class Replicator {
  private final ImageProvider source;
  private final DestinationOpener opener;
  private final @Nullable Path journal;
  private final ProgressListener listener;
  private final Cancellation cancel;
  private final Clock clock;
  private final DeltaEngine engine;
  private final Path workDir;

  private Replicator(Builder b) {
    this.source = Objects.requireNonNull(b.source, "Replicator.source is required");
    ImageProvider src = source;
    this.opener = b.opener == null ? location -> defaultOpen(src, location) : b.opener;
    this.journal = b.journal;
    this.listener = b.listener;
    this.cancel = b.cancel;
    this.clock = b.clock;
    this.engine = b.engine;
    this.workDir = b.workDir;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Local homes open as local providers; cloud regions with the source's settings. Another account
   * needs a client acting as that account, which only the caller's opener can give.
   */
  private static ImageProvider defaultOpen(ImageProvider source, Location location) {
    if (location.isLocal()) {
      return LocalProvider.builder().home(location.requireHome()).build();
    }
    if (location.account() != null) {
      throw new InvalidInputException(
          "the destination "
              + location.label()
              + " is in another account; give the replicator an opener that opens it acting as"
              + " that account (a ProviderConfig with the account's role)");
    }
    return Providers.open(location.provider(), source.config().withRegion(location.region()));
  }

  /**
   * Runs the plan.
   *
   * @return one result per copy, in the plan's order
   * @throws InvalidInputException when the plan names an image the source does not have, or its
   *     source is not this replicator's source provider
   */
  public ReplicationReport run(ReplicationPlan plan) {
    if (!plan.source().provider().equals(source.name())) {
      throw new InvalidInputException(
          "the plan's source is on " + plan.source().provider() + ", not on " + source.name());
    }
    if (source instanceof LocalProvider l
        && !PlanReader.same(plan.source(), Location.localHome(l.home()))) {
      throw new InvalidInputException(
          "the plan's source is " + plan.source().label() + ", not this home " + l.home());
    }
    plan.requireImagesIn(source);
    Map<String, Image> images = new LinkedHashMap<>();
    for (String id : plan.images()) {
      images.put(id, source.describe(id));
    }
    Copier copier =
        source instanceof LocalProvider l
            ? new LocalCopier(l, engine, workDir)
            : new CloudCopier(source, opener);
    List<ReplicationTarget> targets = plan.targets();
    Map<Location, ImageProvider> destinations = new LinkedHashMap<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(plan.concurrency(), targets.size()));
    try (RunJournal log = RunJournal.open(journal, clock)) {
      for (Location d : plan.destinations()) {
        destinations.put(d, opener.open(d));
      }
      AtomicLong finished = new AtomicLong();
      List<Future<ReplicationResult>> futures = new ArrayList<>();
      for (ReplicationTarget t : targets) {
        Image src = Objects.requireNonNull(images.get(t.imageId()));
        ImageProvider dest = Objects.requireNonNull(destinations.get(t.destination()));
        futures.add(
            pool.submit(
                () -> {
                  ReplicationResult r = replicate(src, t, dest, copier, log);
                  listener.onProgress(
                      new Progress(
                          "replicate",
                          finished.incrementAndGet(),
                          targets.size(),
                          t.op() + ": " + r.status()));
                  return r;
                }));
      }
      List<ReplicationResult> results = new ArrayList<>();
      for (Future<ReplicationResult> f : futures) {
        results.add(await(f));
      }
      return new ReplicationReport(results);
    } finally {
      pool.shutdownNow();
      for (ImageProvider p : destinations.values()) {
        p.close();
      }
    }
  }

  private static ReplicationResult await(Future<ReplicationResult> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("replication");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    }
  }

  private ReplicationResult replicate(
      Image src, ReplicationTarget t, ImageProvider dest, Copier copier, RunJournal log) {
    long full = src.storage().sizeBytes();
    if (cancel.isCancelled()) {
      return result(t, ReplicationStatus.CANCELLED, Transfer.NONE, null, 0, full, "cancelled");
    }
    boolean interrupted = log.interrupted(t);
    Optional<Image> existing;
    try {
      existing = copier.findReplica(src, t, dest, interrupted);
    } catch (CloudImageException | UncheckedIOException e) {
      return failed(t, full, "cannot list the destination: " + e.getMessage(), log);
    }
    if (existing.isPresent()) {
      Image copy = existing.get();
      Optional<String> problem = copier.verify(src, copy, dest);
      ReplicationResult r =
          problem
              .map(
                  p ->
                      result(
                          t,
                          ReplicationStatus.VERIFICATION_FAILED,
                          Transfer.NONE,
                          copy.nativeId(),
                          0,
                          full,
                          p))
              .orElseGet(
                  () ->
                      result(
                          t,
                          ReplicationStatus.ALREADY_PRESENT,
                          Transfer.NONE,
                          copy.nativeId(),
                          0,
                          full,
                          interrupted
                              ? "made by an interrupted run; verified"
                              : "already there; verified"));
      if (!log.done(t) || problem.isPresent()) {
        log.outcome(r);
      }
      return r;
    }
    // The token goes in the intent before the provider is called: a crash anywhere after this
    // line resumes with the same token, and the provider answers with the copy it made.
    String token = log.token(t);
    log.intent(t, src.storage().digest(), token);
    Copy copy;
    try {
      copy = copier.copy(src, t, dest, token, listener, cancel);
    } catch (CancelledException e) {
      // No outcome: the next run sees an interrupted copy and finishes it.
      return result(t, ReplicationStatus.CANCELLED, Transfer.NONE, null, 0, full, "cancelled");
    } catch (CloudImageException | UncheckedIOException e) {
      return failed(t, full, String.valueOf(e.getMessage()), log);
    }
    Image made = copy.image();
    Optional<String> problem = copier.verify(src, made, dest);
    ReplicationResult r =
        result(
            t,
            problem.isPresent()
                ? ReplicationStatus.VERIFICATION_FAILED
                : ReplicationStatus.REPLICATED,
            copy.transfer(),
            made.nativeId(),
            copy.bytesMoved(),
            full,
            problem.orElse(copy.detail()));
    log.outcome(r);
    return r;
  }

  private static ReplicationResult failed(
      ReplicationTarget t, long full, String why, RunJournal log) {
    ReplicationResult r = result(t, ReplicationStatus.FAILED, Transfer.NONE, null, 0, full, why);
    log.outcome(r);
    return r;
  }

  private static ReplicationResult result(
      ReplicationTarget t,
      ReplicationStatus status,
      Transfer transfer,
      @Nullable String id,
      long moved,
      long full,
      String detail) {
    return new ReplicationResult(t, status, transfer, id, moved, full, detail);
  }

  /** Builds a {@link Replicator}; only the source is required. */
  public static final class Builder {
    private @Nullable ImageProvider source;
    private @Nullable DestinationOpener opener;
    private @Nullable Path journal;
    private ProgressListener listener = ProgressListener.NONE;
    private Cancellation cancel = Cancellation.never();
    private Clock clock = Clock.systemUTC();
    private DeltaEngine engine = DeltaEngine.builder().build();
    private Path workDir = Path.of(System.getProperty("java.io.tmpdir"));

    private Builder() {}

    /** The client of the provider (and home or region) the plan's images are in. */
    public Builder source(ImageProvider provider) {
      this.source = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * How destinations are opened (default: a local provider on each home; the source's provider
     * with the destination's region on clouds, in the caller's account only). A destination in
     * another account is opened twice: at its region and at the source's region, both acting as
     * that account (for instance with {@code ProviderConfig.withRole}).
     */
    public Builder opener(DestinationOpener destinationOpener) {
      this.opener = Objects.requireNonNull(destinationOpener, "destinationOpener");
      return this;
    }

    /** The journal folder that makes runs resumable after a crash (default: none). */
    public Builder journal(Path dir) {
      this.journal = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** Receives a report after each copy, and the copies' own byte progress. */
    public Builder listener(ProgressListener progress) {
      this.listener = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** Stops the run: copies not started are skipped, running ones stop at a safe point. */
    public Builder cancellation(Cancellation cancellation) {
      this.cancel = Objects.requireNonNull(cancellation, "cancellation");
      return this;
    }

    /** The journal's clock. */
    public Builder clock(Clock journalClock) {
      this.clock = Objects.requireNonNull(journalClock, "journalClock");
      return this;
    }

    /** The delta engine for local copies (default: block mode, 512 KiB blocks). */
    public Builder deltaEngine(DeltaEngine deltaEngine) {
      this.engine = Objects.requireNonNull(deltaEngine, "deltaEngine");
      return this;
    }

    /** Where local delta copies stage their delta and rebuilt disk (default: the temp folder). */
    public Builder workDir(Path dir) {
      this.workDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** The replicator. */
    public Replicator build() {
      return new Replicator(this);
    }
  }
}
