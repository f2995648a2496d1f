package io.cloudimage.core.lifecycle.execute;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.journal.JournalRecord;
import io.cloudimage.core.lifecycle.Action;
import io.cloudimage.core.lifecycle.Condition;
import io.cloudimage.core.lifecycle.FamilyKey;
import io.cloudimage.core.lifecycle.LifecyclePolicy;
import io.cloudimage.core.lifecycle.Observed;
import io.cloudimage.core.lifecycle.Plan;
import io.cloudimage.core.lifecycle.PlannedAction;
import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.lifecycle.ResourceKind;
import io.cloudimage.core.lifecycle.StorageCost;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.TierProfiles;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.Capability;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.DeregisterOptions;
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
 * <p>{@link #dryRun} reads the journal and asks the provider, but changes and writes nothing.
 * {@link #apply} holds the journal's lock for the whole run (a second apply on the same journal
 * waits, then fails), and each action is journaled as an {@code INTENT} (fsync'd) before it is
 * tried and as {@code DONE}, {@code FAILED} or {@code SKIPPED} after. Killed at any point, a rerun
 * of the same plan with the same journal finishes the work: a {@code DONE} action is never
 * repeated, and an {@code INTENT} without an outcome is settled by asking the provider whether its
 * effect is there ({@code DONE}) or not ({@code NOT_DONE}, then tried again). Just before each
 * action that changes a resource, the preconditions are re-checked with the provider: a resource
 * that came into use, got protected or tagged {@value LifecyclePolicy#KEEP_TAG}, or that now backs
 * an image, is skipped with the reason in the journal.
 *
 * <p>A plan is a snapshot of the past, so nothing is taken on trust at apply time. A plan dated in
 * the future, or older than {@link Builder#maxPlanAge(Duration)}, is refused. Before each action
 * the resource is read again and compared with the state the plan observed (state, last use, in
 * use, tags, size, tier), and the rule's conditions are evaluated again with this executor's clock:
 * on any difference the action is skipped as "changed since planning". A journal is bound to the
 * {@link ImageProvider#identity()} it was first used with and refuses any other.
 *
 * <pre>{@code
 * PlanExecutor executor = PlanExecutor.builder()
 *     .provider(provider).journal(Path.of("journal"))
 *     .concurrency(4).ratePerSecond(5).errorBudget(3)
 *     .build();
 * ApplyResult preview = executor.dryRun(plan);
 * ApplyResult result = executor.apply(Plan.read(Path.of("plan.json")));
 * }</pre>
 */
public final class PlanExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(PlanExecutor.class);

  /** Family keys matter only to family ranks, which are not re-checked; any key will do. */
  private static final FamilyKey NO_FAMILY = FamilyKey.field();

  private final ImageProvider provider;
  private final Path journalDir;
  private final Clock clock;
  private final int concurrency;
  private final double ratePerSecond;
  private final int errorBudget;
  private final ProgressListener listener;
  private final Cancellation cancel;
  private final Duration maxPlanAge;
  private final Duration lockWait;
  private final StorageCost cost;
  private final AtomicLong nextStartNanos = new AtomicLong();

  /** Plans dated up to this far ahead of the clock are taken as clock skew, not as the future. */
  private static final Duration SKEW = Duration.ofMinutes(5);

  private PlanExecutor(Builder b) {
    this.provider = required(b.provider, "provider");
    this.journalDir = required(b.journal, "journal");
    this.clock = b.clock;
    this.concurrency = b.concurrency;
    this.ratePerSecond = b.ratePerSecond;
    this.errorBudget = b.errorBudget;
    this.listener = b.listener;
    this.cancel = b.cancel;
    this.maxPlanAge = b.maxPlanAge;
    this.lockWait = b.lockWait;
    this.cost = StorageCost.of(b.prices);
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
   * Applies the plan, journaled: the journal is locked for the whole run.
   *
   * @throws InvalidInputException when the plan is dated in the future or older than the maximum
   *     age, or the journal belongs to another provider identity (before any action)
   * @throws io.cloudimage.core.error.AccessDeniedException when the journal directory cannot be
   *     written (before any action)
   * @throws io.cloudimage.core.error.CheckFailedException when the journal's chain is broken
   * @throws io.cloudimage.core.error.ConflictException when another apply keeps the journal locked
   */
  public ApplyResult apply(Plan plan) {
    checkAge(plan);
    Journal.requireWritable(journalDir);
    String digest = plan.digest();
    String identity = provider.identity();
    try (Journal journal = Journal.open(journalDir, clock, lockWait)) {
      JournalState js = JournalState.read(journalDir);
      js.requireIdentity(journalDir, identity);
      Map<String, String> state = js.last;
      journal.append(
          "RUN_START",
          r -> {
            r.put("plan", digest);
            r.put("policy", plan.policy());
            r.put("planCreatedAt", plan.createdAt().toString());
            r.put("actions", plan.actions().size());
            r.put("provider", provider.name());
            r.put("region", provider.region());
            r.put("identity", identity);
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
                    ActionResult r =
                        run(journal, op, index, a, digest, unresolved ? js.intents.get(op) : null);
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

  /**
   * What {@link #apply} would do now, changing and writing nothing: each action {@link
   * Status#WOULD_RUN}, {@link Status#WOULD_SKIP} with the reason, or {@link Status#ALREADY_DONE}.
   *
   * @throws InvalidInputException as {@link #apply} does
   */
  public ApplyResult dryRun(Plan plan) {
    checkAge(plan);
    String digest = plan.digest();
    JournalState js =
        java.nio.file.Files.isDirectory(journalDir)
            ? JournalState.read(journalDir)
            : new JournalState();
    js.requireIdentity(journalDir, provider.identity());
    Map<String, String> state = js.last;
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
      if (veto == null) {
        veto = recheck(a);
      }
      results.add(
          veto == null
              ? new ActionResult(i, a.resource(), a.action(), Status.WOULD_RUN, a.reason())
              : new ActionResult(i, a.resource(), a.action(), Status.WOULD_SKIP, veto));
    }
    return new ApplyResult(digest, true, results, null);
  }

  /** Refuses a plan dated in the future or older than the maximum age. */
  private void checkAge(Plan plan) {
    java.time.Instant now = clock.instant();
    java.time.Instant made = plan.createdAt();
    if (made.isAfter(now.plus(SKEW))) {
      throw new InvalidInputException(
          "plan "
              + plan.digest()
              + " is dated "
              + made
              + ", in the future (now "
              + now
              + "); a plan must be made as of now: run `lifecycle plan` without --now");
    }
    if (made.plus(maxPlanAge).isBefore(now)) {
      throw new InvalidInputException(
          "plan "
              + plan.digest()
              + " was made at "
              + made
              + ", more than "
              + maxPlanAge
              + " ago; make a new plan with `lifecycle plan` (or allow older plans with"
              + " --max-plan-age)");
    }
  }

  /**
   * What the journal says: the last record type of each operation, the snapshots each open {@code
   * INTENT} recorded, and the provider identity the journal is bound to. Streamed.
   */
  private static final class JournalState {
    final Map<String, String> last = new HashMap<>();
    final Map<String, JournalRecord> intents = new HashMap<>();
    @Nullable String identity;
    boolean hasOperations;

    static JournalState read(Path dir) {
      JournalState s = new JournalState();
      Journal.forEachRecord(
          dir,
          r -> {
            String id = r.text("identity");
            if (id != null && s.identity == null) {
              s.identity = id;
            }
            String op = r.text("op");
            if (op != null && !r.type().equals("SANITIZATION")) {
              s.hasOperations = true;
              s.last.put(op, r.type());
              if (r.type().equals("INTENT")) {
                s.intents.put(op, r);
              } else {
                s.intents.remove(op);
              }
            }
          });
      return s;
    }

    void requireIdentity(Path dir, String identity) {
      String bound = this.identity;
      if (bound == null && hasOperations) {
        throw new InvalidInputException(
            "journal "
                + dir
                + " records actions but no provider identity, so it cannot show they were done"
                + " on "
                + identity
                + "; use a new --journal");
      }
      if (bound != null && !bound.equals(identity)) {
        throw new InvalidInputException(
            "journal "
                + dir
                + " belongs to "
                + bound
                + ", not to "
                + identity
                + "; use the journal kept for this provider, or a new --journal");
      }
    }
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
      Journal journal,
      String op,
      int index,
      PlannedAction a,
      String digest,
      @Nullable JournalRecord intent) {
    ResourceKind kind = a.kind();
    if (intent != null) {
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
        List<String> left;
        try {
          left = leftovers(a, intent);
        } catch (CloudImageException e) {
          return outcome(
              journal,
              op,
              a,
              index,
              "FAILED",
              Status.FAILED,
              "cannot tell whether the interrupted action finished: " + e.getMessage());
        }
        if (!left.isEmpty()) {
          return finish(journal, op, a, index, left);
        }
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
    {
      String veto;
      try {
        veto = a.action().changesResource() ? precondition(a) : null;
        if (veto == null) {
          veto = recheck(a);
        }
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
    List<String> snapshots;
    try {
      snapshots = snapshotsOf(a);
    } catch (CloudImageException e) {
      return outcome(
          journal,
          op,
          a,
          index,
          "FAILED",
          Status.FAILED,
          "cannot read " + a.resource() + ": " + e.getMessage());
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
          if (!snapshots.isEmpty()) {
            r.putList("snapshots", snapshots);
          }
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

  /**
   * The snapshots an image removal takes with it, read before acting and kept in its {@code
   * INTENT}, so that after a crash the whole effect can be checked, not only the image's absence.
   */
  private List<String> snapshotsOf(PlannedAction a) {
    boolean removes =
        a.kind() == ResourceKind.IMAGE
            && (a.action() == Action.ERASE
                || (a.action() == Action.DEREGISTER && a.options().withSnapshots()));
    if (!removes) {
      return List.of();
    }
    return provider.find(a.resource()).map(Resource::backingSnapshots).orElse(List.of());
  }

  /**
   * The snapshots an interrupted image removal was to take and that are still there, unused by any
   * image: the part of the effect still missing.
   */
  private List<String> leftovers(PlannedAction a, JournalRecord intent) {
    List<String> list = intent.texts("snapshots");
    if (list.isEmpty()) {
      return List.of();
    }
    List<String> left = new ArrayList<>();
    for (String id : list) {
      try {
        provider.describeSnapshot(id);
      } catch (NotFoundException e) {
        continue;
      }
      try (Stream<Image> images = provider.images(ImageQuery.ALL)) {
        boolean used =
            images
                .filter(i -> i.state().holdsStorage())
                .anyMatch(i -> Resource.backingSnapshots(i).contains(id));
        if (!used) {
          left.add(id);
        }
      }
    }
    return left;
  }

  /** Finishes an interrupted image removal whose image is gone but whose snapshots are not. */
  private ActionResult finish(
      Journal journal, String op, PlannedAction a, int index, List<String> left) {
    if (a.action() == Action.ERASE) {
      // The data may not have been overwritten; deleting it now would not sanitise it.
      return outcome(
          journal,
          op,
          a,
          index,
          "UNKNOWN",
          Status.UNKNOWN,
          "interrupted: image "
              + a.resource()
              + " is gone but snapshot(s) "
              + String.join(", ", left)
              + " remain, and their erasure cannot be proven: erase them by hand");
    }
    try {
      for (String s : left) {
        provider.deleteSnapshot(s);
      }
    } catch (CloudImageException e) {
      return outcome(
          journal,
          op,
          a,
          index,
          "FAILED",
          Status.FAILED,
          "interrupted after the image went; deleting its snapshot(s) "
              + String.join(", ", left)
              + " failed: "
              + e.getMessage());
    }
    return outcome(
        journal,
        op,
        a,
        index,
        "DONE",
        Status.DONE,
        "interrupted after the image went; finished by deleting snapshot(s) "
            + String.join(", ", left));
  }

  /**
   * Whether the resource still is what the plan saw, and the rule still holds with this executor's
   * clock: {@code null} when so, else why not ("changed since planning: …").
   */
  private @Nullable String recheck(PlannedAction a) {
    Observed planned = a.observed();
    if (planned == null) {
      return "the plan does not say what state "
          + a.resource()
          + " was planned on; make a new plan";
    }
    Observed now;
    Resource r;
    if (a.kind() == ResourceKind.SNAPSHOT) {
      Snapshot s;
      try {
        s = provider.describeSnapshot(a.resource());
      } catch (NotFoundException e) {
        return "changed since planning: snapshot " + a.resource() + " no longer exists";
      }
      now = Observed.of(s);
      r = Resource.of(s);
    } else {
      Optional<Image> found = provider.find(a.resource());
      if (found.isEmpty()) {
        return "changed since planning: image " + a.resource() + " no longer exists";
      }
      now = Observed.of(found.get());
      r = Resource.of(found.get(), NO_FAMILY);
    }
    List<String> changes = planned.differencesTo(now);
    if (!changes.isEmpty()) {
      return "changed since planning: " + String.join("; ", changes);
    }
    java.time.Instant at = clock.instant();
    for (Condition c : a.conditions()) {
      // Family ranks depend on the whole inventory; the other conditions on the resource alone.
      if (!(c instanceof Condition.MoreThanInFamily) && !c.test(r, at, cost)) {
        return "changed since planning: rule "
            + a.rule()
            + " no longer holds at "
            + at
            + " ("
            + c
            + ")";
      }
    }
    return null;
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
        provider.deregister(
            id,
            a.options().withSnapshots()
                ? DeregisterOptions.DELETE_SNAPSHOTS
                : DeregisterOptions.KEEP_SNAPSHOTS);
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
    private Duration maxPlanAge = Duration.ofHours(24);
    private Duration lockWait = Journal.DEFAULT_LOCK_WAIT;
    private TierProfiles prices = TierProfiles.localDefaults();

    private Builder() {}

    /**
     * Plans older than this are refused (default 24 hours): the world they saw has moved on. Plans
     * dated in the future are always refused.
     */
    public Builder maxPlanAge(Duration age) {
      if (age.isNegative() || age.isZero()) {
        throw new InvalidInputException("PlanExecutor.maxPlanAge must be positive, was " + age);
      }
      this.maxPlanAge = age;
      return this;
    }

    /** How long an apply waits for another one to release the journal (default 10 s). */
    public Builder lockWait(Duration wait) {
      if (wait.isNegative()) {
        throw new InvalidInputException("PlanExecutor.lockWait must be >= 0, was " + wait);
      }
      this.lockWait = wait;
      return this;
    }

    /**
     * The price book cost conditions are evaluated with again at apply time (default {@link
     * TierProfiles#localDefaults()}); use the one the plan was made with.
     */
    public Builder prices(TierProfiles prices) {
      this.prices = prices;
      return this;
    }

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
