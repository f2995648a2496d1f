package io.cloudimage.core.lifecycle.execute;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.plan.PlannedAction;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.pricing.StorageCost;
import io.cloudimage.core.pricing.TierPrices;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

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
  private final ImageProvider provider;
  private final Path journalDir;
  private final Clock clock;
  private final ProgressListener listener;
  private final Duration lockWait;
  private final ApplyTimeCheck check;
  private final ActionRunner runner;
  private final Pacer pacer;

  private PlanExecutor(Builder b) {
    this.provider = required(b.provider, "provider");
    this.journalDir = required(b.journal, "journal");
    this.clock = b.clock;
    this.listener = b.listener;
    this.lockWait = b.lockWait;
    this.check = new ApplyTimeCheck(provider, clock, b.maxPlanAge, StorageCost.of(b.prices));
    this.runner = new ActionRunner(provider, clock, b.listener, b.cancel, check);
    this.pacer = new Pacer(b.concurrency, b.ratePerSecond, b.errorBudget, b.cancel);
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
    check.requireFresh(plan);
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
      ActionLog log = new ActionLog(journal);
      Pacer.Run run = pacer.start();
      List<PlannedAction> actions = plan.actions();
      ActionResult[] results = new ActionResult[actions.size()];
      AtomicInteger finished = new AtomicInteger();
      List<Runnable> tasks = new ArrayList<>();
      for (int i = 0; i < actions.size(); i++) {
        int index = i;
        PlannedAction a = actions.get(i);
        String op = digest + "#" + i;
        String last = state.get(op);
        if (Status.settles(last)) {
          results[i] =
              new ActionResult(
                  i,
                  a.resource(),
                  a.action(),
                  Status.UNKNOWN.name().equals(last) ? Status.UNKNOWN : Status.ALREADY_DONE,
                  "journal: " + last + " in an earlier run");
          finished.incrementAndGet();
          continue;
        }
        boolean unresolved = "INTENT".equals(last);
        tasks.add(
            () -> {
              String refusal = run.refusal();
              if (refusal != null) {
                results[index] =
                    new ActionResult(index, a.resource(), a.action(), Status.NOT_RUN, refusal);
                return;
              }
              pacer.pace();
              ActionResult r =
                  runner.run(log, op, index, a, digest, unresolved ? js.intents.get(op) : null);
              results[index] = r;
              run.count(r.status());
              listener.onProgress(
                  new Progress(
                      "lifecycle apply",
                      finished.incrementAndGet(),
                      actions.size(),
                      a.action() + " " + a.resource() + ": " + r.status()));
            });
      }
      pacer.runAll(tasks);
      List<ActionResult> list = List.of(results);
      String stop = run.stoppedBy();
      journal.append(
          "RUN_END",
          r -> {
            r.put("plan", digest);
            for (Status s : Status.values()) {
              long n = list.stream().filter(x -> x.status() == s).count();
              if (n > 0) {
                r.put(s.name().toLowerCase(Locale.ROOT), n);
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
    check.requireFresh(plan);
    String digest = plan.digest();
    JournalState js =
        Files.isDirectory(journalDir) ? JournalState.read(journalDir) : new JournalState();
    js.requireIdentity(journalDir, provider.identity());
    Map<String, String> state = js.last;
    List<ActionResult> results = new ArrayList<>();
    List<PlannedAction> actions = plan.actions();
    for (int i = 0; i < actions.size(); i++) {
      PlannedAction a = actions.get(i);
      String last = state.get(digest + "#" + i);
      if (Status.DONE.name().equals(last) || Status.SKIPPED.name().equals(last)) {
        results.add(
            new ActionResult(i, a.resource(), a.action(), Status.ALREADY_DONE, "journal: " + last));
        continue;
      }
      String veto = check.veto(a);
      results.add(
          veto == null
              ? new ActionResult(i, a.resource(), a.action(), Status.WOULD_RUN, a.reason())
              : new ActionResult(i, a.resource(), a.action(), Status.WOULD_SKIP, veto));
    }
    return new ApplyResult(digest, true, results, null);
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
    private TierPrices prices = TierPrices.localDefaults();

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
     * TierPrices#localDefaults()}); use the one the plan was made with.
     */
    public Builder prices(TierPrices prices) {
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
