package io.cloudimage.core.lifecycle.execute;

import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.journal.JournalRecord;
import io.cloudimage.core.lifecycle.Action;
import io.cloudimage.core.lifecycle.LifecyclePolicy;
import io.cloudimage.core.lifecycle.Plan;
import io.cloudimage.core.lifecycle.PlannedAction;
import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.lifecycle.ResourceKind;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.Capability;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.ImageProvider;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.Sanitization;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link Plan} to a provider, journaled and resumable.
 *
 * <p>Dry run unless {@code yes}: a dry run reads the journal and asks the provider, but changes and
 * writes nothing. With {@code yes}, each action is journaled as an {@code INTENT} (fsync'd) before
 * it is tried and as {@code DONE}, {@code FAILED} or {@code SKIPPED} after. Killed at any point, a
 * rerun of the same plan with the same journal finishes the work: a {@code DONE} action is never
 * repeated, and an {@code INTENT} without an outcome is settled by asking the provider whether its
 * effect is there ({@code DONE}) or not ({@code NOT_DONE}, then tried again). Just before each
 * action that changes a resource, the preconditions are re-checked with the provider: a resource
 * that came into use, got protected or tagged {@value LifecyclePolicy#KEEP_TAG}, or that now backs
 * an image, is skipped with the reason in the journal.
 *
 * <pre>{@code
 * PlanExecutor executor = PlanExecutor.builder()
 *     .provider(provider).journal(Path.of("journal"))
 *     .concurrency(4).ratePerSecond(5).errorBudget(3)
 *     .build();
 * ApplyResult result = executor.apply(Plan.read(Path.of("plan.json")), true);
 * }</pre>
 */
public final class PlanExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(PlanExecutor.class);

  private final ImageProvider provider;
  private final Path journalDir;
  private final Clock clock;
  private final int concurrency;
  private final double ratePerSecond;
  private final int errorBudget;
  private final ProgressListener listener;
  private final Cancellation cancel;
  private final AtomicLong nextStartNanos = new AtomicLong();

  private PlanExecutor(Builder b) {
    this.provider = required(b.provider, "provider");
    this.journalDir = required(b.journal, "journal");
    this.clock = b.clock;
    this.concurrency = b.concurrency;
    this.ratePerSecond = b.ratePerSecond;
    this.errorBudget = b.errorBudget;
    this.listener = b.listener;
    this.cancel = b.cancel;
  }

  private static <T> T required(@Nullable T value, String name) {
    if (value == null) {
      throw new InvalidInputException("PlanExecutor." + name + " is required");
    }
    return value;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Applies the plan; a dry run unless {@code yes}.
   *
   * @throws io.cloudimage.core.error.AccessDeniedException when the journal directory cannot be
   *     written (before any action)
   * @throws io.cloudimage.core.error.CheckFailedException when the journal's chain is broken
   */
  public ApplyResult apply(Plan plan, boolean yes) {
    Journal.requireWritable(journalDir);
    String digest = plan.digest();
    if (!yes) {
      return dryRun(plan, digest);
    }
    try (Journal journal = Journal.open(journalDir, clock)) {
      Map<String, String> state = state(journal.records());
      journal.append(
          "RUN_START",
          r -> {
            r.put("plan", digest);
            r.put("policy", plan.policy());
            r.put("actions", plan.actions().size());
            r.put("provider", provider.name());
            r.put("region", provider.region());
          });
      List<PlannedAction> actions = plan.actions();
      ActionResult[] results = new ActionResult[actions.size()];
      AtomicInteger failures = new AtomicInteger();
      AtomicInteger finished = new AtomicInteger();
      String[] stoppedBy = new String[1];
      ExecutorService pool = Executors.newFixedThreadPool(concurrency);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
          int index = i;
          PlannedAction a = actions.get(i);
          String op = digest + "#" + i;
          String last = state.get(op);
          if ("DONE".equals(last) || "SKIPPED".equals(last) || "UNKNOWN".equals(last)) {
            results[i] =
                new ActionResult(
                    i,
                    a.resource(),
                    a.action(),
                    "UNKNOWN".equals(last) ? Status.UNKNOWN : Status.ALREADY_DONE,
                    "journal: " + last + " in an earlier run");
            finished.incrementAndGet();
            continue;
          }
          boolean unresolved = "INTENT".equals(last);
          futures.add(
              pool.submit(
                  () -> {
                    if (stoppedBy[0] != null || cancel.isCancelled()) {
                      synchronized (stoppedBy) {
                        if (stoppedBy[0] == null) {
                          stoppedBy[0] = "cancelled";
                        }
                      }
                      results[index] =
                          new ActionResult(
                              index, a.resource(), a.action(), Status.NOT_RUN, stoppedBy[0]);
                      return;
                    }
                    pace();
                    ActionResult r = run(journal, op, index, a, digest, unresolved);
                    results[index] = r;
                    if (r.status() == Status.FAILED && failures.incrementAndGet() > errorBudget) {
                      synchronized (stoppedBy) {
                        stoppedBy[0] = "error budget";
                      }
                    }
                    listener.onProgress(
                        new Progress(
                            "lifecycle apply",
                            finished.incrementAndGet(),
                            actions.size(),
                            a.action() + " " + a.resource() + ": " + r.status()));
                  }));
        }
        for (Future<?> f : futures) {
          try {
            f.get();
          } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("lifecycle action crashed", e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("lifecycle apply interrupted");
          }
        }
      } finally {
        pool.shutdownNow();
        try {
          pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      List<ActionResult> list = List.of(results);
      String stop = stoppedBy[0];
      journal.append(
          "RUN_END",
          r -> {
            r.put("plan", digest);
            for (Status s : Status.values()) {
              long n = list.stream().filter(x -> x.status() == s).count();
              if (n > 0) {
                r.put(s.name().toLowerCase(java.util.Locale.ROOT), n);
              }
            }
            if (stop != null) {
              r.put("stoppedBy", stop);
            }
          });
      return new ApplyResult(digest, false, list, stop);
    }
  }

  private ApplyResult dryRun(Plan plan, String digest) {
    Map<String, String> state = state(Journal.readRecords(journalDir));
    List<ActionResult> results = new ArrayList<>();
    List<PlannedAction> actions = plan.actions();
    for (int i = 0; i < actions.size(); i++) {
      PlannedAction a = actions.get(i);
      String last = state.get(digest + "#" + i);
      if ("DONE".equals(last) || "SKIPPED".equals(last)) {
        results.add(
            new ActionResult(i, a.resource(), a.action(), Status.ALREADY_DONE, "journal: " + last));
        continue;
      }
      String veto = a.action().changesResource() ? precondition(a) : null;
      results.add(
          veto == null
              ? new ActionResult(i, a.resource(), a.action(), Status.WOULD_RUN, a.reason())
              : new ActionResult(i, a.resource(), a.action(), Status.WOULD_SKIP, veto));
    }
    return new ApplyResult(digest, true, results, null);
  }

  /** The last record type of each operation in the journal. */
  private static Map<String, String> state(List<JournalRecord> records) {
    Map<String, String> state = new HashMap<>();
    for (JournalRecord r : records) {
      String op = r.text("op");
      if (op != null && !r.type().equals("SANITIZATION")) {
        state.put(op, r.type());
      }
    }
    return state;
  }

  private void pace() {
    if (ratePerSecond <= 0) {
      return;
    }
    long interval = (long) (1_000_000_000L / ratePerSecond);
    long now = System.nanoTime();
    long start = nextStartNanos.getAndAccumulate(now, (prev, n) -> Math.max(prev, n) + interval);
    long wait = Math.max(start, now) - now;
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancelledException("lifecycle apply interrupted");
      }
    }
  }

  private ActionResult run(
      Journal journal, String op, int index, PlannedAction a, String digest, boolean unresolved) {
    ResourceKind kind = a.kind();
    if (unresolved) {
      Optional<Boolean> effect;
      try {
        effect = effectPresent(a);
      } catch (CloudImageException e) {
        return outcome(
            journal,
            op,
            a,
            index,
            "FAILED",
            Status.FAILED,
            "cannot tell whether the interrupted action happened: " + e.getMessage());
      }
      if (effect.isEmpty()) {
        return outcome(
            journal,
            op,
            a,
            index,
            "UNKNOWN",
            Status.UNKNOWN,
            "interrupted; the provider cannot show whether "
                + a.action()
                + " happened, so it is not repeated: check "
                + a.resource()
                + " by hand");
      }
      if (effect.get()) {
        return outcome(
            journal,
            op,
            a,
            index,
            "DONE",
            Status.DONE,
            "interrupted after acting; the provider shows the effect");
      }
      journal.append(
          "NOT_DONE",
          r -> {
            r.put("op", op);
            r.put("kind", kind.name());
            r.put("resource", a.resource());
            r.put("reason", "interrupted before acting; the provider shows no effect");
          });
    }
    if (a.action().changesResource()) {
      String veto;
      try {
        veto = precondition(a);
      } catch (CloudImageException e) {
        veto = null;
        return outcome(
            journal,
            op,
            a,
            index,
            "FAILED",
            Status.FAILED,
            "precondition check failed: " + e.getMessage());
      }
      if (veto != null) {
        return outcome(journal, op, a, index, "SKIPPED", Status.SKIPPED, veto);
      }
    }
    journal.append(
        "INTENT",
        r -> {
          r.put("op", op);
          r.put("plan", digest);
          r.put("index", index);
          r.put("kind", kind.name());
          r.put("resource", a.resource());
          r.put("action", a.action().name());
          r.put("rule", a.rule());
          StorageTier tier = a.options().tier();
          if (tier != null) {
            r.put("tier", tier.name());
          }
        });
    try {
      Sanitization s = perform(a);
      if (s != null) {
        journal.append(
            "SANITIZATION",
            r -> {
              r.put("op", op);
              r.put("kind", kind.name());
              r.put("resource", s.resourceId());
              r.put("standard", "NIST SP 800-88");
              r.put("method", s.method());
              r.put("detail", s.detail());
              r.put("verification", s.verification());
              r.put("completed", s.completed().toString());
            });
      }
      return outcome(journal, op, a, index, "DONE", Status.DONE, "done");
    } catch (CancelledException e) {
      throw e;
    } catch (CloudImageException e) {
      LOG.warn("{} {} failed: {}", a.action(), a.resource(), e.getMessage());
      return outcome(
          journal, op, a, index, "FAILED", Status.FAILED, String.valueOf(e.getMessage()));
    }
  }

  private ActionResult outcome(
      Journal journal,
      String op,
      PlannedAction a,
      int index,
      String type,
      Status status,
      String detail) {
    journal.append(
        type,
        r -> {
          r.put("op", op);
          r.put("kind", a.kind().name());
          r.put("resource", a.resource());
          r.put("action", a.action().name());
          r.put("detail", detail);
        });
    return new ActionResult(index, a.resource(), a.action(), status, detail);
  }

  /** Why the action must not happen now, or {@code null} when it may. */
  private @Nullable String precondition(PlannedAction a) {
    if (a.kind() == ResourceKind.SNAPSHOT) {
      Snapshot s;
      try {
        s = provider.describeSnapshot(a.resource());
      } catch (NotFoundException e) {
        return "snapshot " + a.resource() + " no longer exists";
      }
      if (s.tags().has(LifecyclePolicy.KEEP_TAG)) {
        return "tagged " + LifecyclePolicy.KEEP_TAG + " since planning";
      }
      try (Stream<Image> images = provider.images(ImageQuery.ALL)) {
        Optional<Image> holder =
            images
                .filter(i -> i.state().holdsStorage())
                .filter(i -> Resource.backingSnapshots(i).contains(a.resource()))
                .findFirst();
        if (holder.isPresent()) {
          return "backs image " + holder.get().nativeId() + " (state " + holder.get().state() + ")";
        }
      }
      return null;
    }
    Optional<Image> found = provider.find(a.resource());
    if (found.isEmpty()) {
      return "image " + a.resource() + " no longer exists";
    }
    Image image = found.get();
    if (image.inUse()) {
      return "came into use since planning";
    }
    if (provider.capabilities().supports(Capability.IN_USE)
        && provider.imagesInUse().contains(a.resource())) {
      return "in use (the provider reports instances, launch templates or scaling groups)";
    }
    if (image.deregistrationProtected()) {
      return "deregistration protection is on";
    }
    if (image.tags().has(LifecyclePolicy.KEEP_TAG)) {
      return "tagged " + LifecyclePolicy.KEEP_TAG + " since planning";
    }
    if (image.state() != ImageState.AVAILABLE && image.state() != ImageState.DISABLED) {
      return "image is " + image.state();
    }
    if (a.action() != Action.UNSHARE && image.sharing().isShared() && a.action().destructive()) {
      return "shared with other accounts since planning, so possibly in use";
    }
    return null;
  }

  /**
   * Whether the provider shows the action's effect: present, absent, or empty when it cannot tell.
   */
  private Optional<Boolean> effectPresent(PlannedAction a) {
    String id = a.resource();
    if (a.kind() == ResourceKind.SNAPSHOT) {
      Snapshot s;
      try {
        s = provider.describeSnapshot(id);
      } catch (NotFoundException e) {
        return Optional.of(a.action() == Action.DELETE_SNAPSHOT);
      }
      switch (a.action()) {
        case DELETE_SNAPSHOT:
          return Optional.of(false);
        case TAG:
          return Optional.of(
              s.tags().asMap().entrySet().containsAll(a.options().tags().asMap().entrySet()));
        case ARCHIVE:
          return Optional.of(s.tier() == StorageTier.ARCHIVE);
        case MOVE_TIER:
          return Optional.of(s.tier() == a.options().tier());
        case RESTORE:
          return Optional.of(s.tier().ordinal() <= tierOr(a, StorageTier.HOT).ordinal());
        default:
          return Optional.empty();
      }
    }
    Optional<Image> found = provider.find(id);
    if (found.isEmpty()) {
      return Optional.of(a.action() == Action.DEREGISTER || a.action() == Action.ERASE);
    }
    Image i = found.get();
    switch (a.action()) {
      case DEREGISTER:
      case ERASE:
        return Optional.of(
            i.state() == ImageState.DEREGISTERED || i.state() == ImageState.DEREGISTERING);
      case TAG:
        return Optional.of(
            i.tags().asMap().entrySet().containsAll(a.options().tags().asMap().entrySet()));
      case DEPRECATE:
        return Optional.of(i.deprecation() != null);
      case DISABLE:
        return Optional.of(i.state() == ImageState.DISABLED);
      case ARCHIVE:
        return Optional.of(i.tier() == StorageTier.ARCHIVE);
      case MOVE_TIER:
        return Optional.of(i.tier() == a.options().tier());
      case RESTORE:
        return Optional.of(i.tier().ordinal() <= tierOr(a, StorageTier.HOT).ordinal());
      case UNSHARE:
        Set<String> accounts = a.options().accounts();
        return Optional.of(
            accounts.isEmpty()
                ? !i.sharing().isShared()
                : i.sharing().accounts().stream().noneMatch(accounts::contains));
      default:
        return Optional.empty();
    }
  }

  private static StorageTier tierOr(PlannedAction a, StorageTier fallback) {
    StorageTier t = a.options().tier();
    return t == null ? fallback : t;
  }

  private @Nullable Sanitization perform(PlannedAction a) {
    String id = a.resource();
    switch (a.action()) {
      case TAG:
        provider.tag(id, a.options().tags(), Set.of());
        return null;
      case DEPRECATE:
        provider.deprecate(id, clock.instant());
        return null;
      case DISABLE:
        provider.disable(id);
        return null;
      case ARCHIVE:
        provider.moveTier(id, StorageTier.ARCHIVE, listener, cancel);
        return null;
      case MOVE_TIER:
        provider.moveTier(id, tierOr(a, StorageTier.COLD), listener, cancel);
        return null;
      case RESTORE:
        StorageTier current =
            a.kind() == ResourceKind.IMAGE
                ? provider.describe(id).tier()
                : provider.describeSnapshot(id).tier();
        if (current == StorageTier.ARCHIVE
            && provider.capabilities().supports(Capability.RESTORE_TIER)) {
          provider.restoreTier(id, Duration.ofDays(30), listener, cancel);
        } else {
          provider.moveTier(id, tierOr(a, StorageTier.HOT), listener, cancel);
        }
        return null;
      case UNSHARE:
        Set<String> accounts = a.options().accounts();
        provider.unshare(
            id, accounts.isEmpty() ? provider.describe(id).sharing().accounts() : accounts);
        return null;
      case DEREGISTER:
        provider.deregister(id, a.options().withSnapshots());
        return null;
      case DELETE_SNAPSHOT:
        provider.deleteSnapshot(id);
        return null;
      case COPY:
        String region = a.options().targetRegion();
        if (region == null) {
          throw new InvalidInputException("COPY of " + id + " names no target region");
        }
        Image source = provider.describe(id);
        provider.copyImage(
            CopyRequest.toRegion(id, region, source.name() + "-" + region), listener, cancel);
        return null;
      case ERASE:
        return provider.erase(id, listener, cancel);
      default:
        throw new IllegalStateException("unknown action " + a.action());
    }
  }

  /** Builds a {@link PlanExecutor}. */
  public static final class Builder {
    private @Nullable ImageProvider provider;
    private @Nullable Path journal;
    private Clock clock = Clock.systemUTC();
    private int concurrency = 1;
    private double ratePerSecond = 0;
    private int errorBudget = 0;
    private ProgressListener listener = ProgressListener.NONE;
    private Cancellation cancel = Cancellation.never();

    private Builder() {}

    /** The provider to act on (required). */
    public Builder provider(ImageProvider provider) {
      this.provider = provider;
      return this;
    }

    /** The journal directory (required; created when missing). */
    public Builder journal(Path dir) {
      this.journal = dir;
      return this;
    }

    /** The clock for journal times and deprecation instants (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How many actions run at once (default 1, at most 64). */
    public Builder concurrency(int n) {
      if (n < 1 || n > 64) {
        throw new InvalidInputException("PlanExecutor.concurrency must be 1..64, was " + n);
      }
      this.concurrency = n;
      return this;
    }

    /** At most this many actions start per second (default 0: unlimited). */
    public Builder ratePerSecond(double perSecond) {
      if (perSecond < 0 || Double.isNaN(perSecond)) {
        throw new InvalidInputException(
            "PlanExecutor.ratePerSecond must be >= 0, was " + perSecond);
      }
      this.ratePerSecond = perSecond;
      return this;
    }

    /**
     * How many failed actions the run tolerates; one more stops it (default 0: the first failure
     * stops the run). Actions already started finish; the rest are {@link Status#NOT_RUN}.
     */
    public Builder errorBudget(int failures) {
      if (failures < 0) {
        throw new InvalidInputException("PlanExecutor.errorBudget must be >= 0, was " + failures);
      }
      this.errorBudget = failures;
      return this;
    }

    /** Receives a report after each action (default none). */
    public Builder listener(ProgressListener listener) {
      this.listener = listener;
      return this;
    }

    /** Stops the run before the next action when cancelled (default never). */
    public Builder cancellation(Cancellation cancel) {
      this.cancel = cancel;
      return this;
    }

    /** Builds the executor. */
    public PlanExecutor build() {
      return new PlanExecutor(this);
    }
  }
}
