package io.cloudimage.fleet.workflow;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.json.ImageJson;
import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.execute.ApplyResult;
import io.cloudimage.core.lifecycle.execute.PlanExecutor;
import io.cloudimage.core.lifecycle.execute.Status;
import io.cloudimage.core.lifecycle.plan.JsonStyle;
import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.plan.PlannedAction;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.pricing.TierPrices;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.fleet.Shard;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The shard activities over a provider, a blob store and a folder of journals (one per shard,
 * {@code JOURNALS/PROVIDER/ACCOUNT/REGION}).
 */
public final class ShardActivitiesImpl implements ShardActivities, ShardPlanning {
  /** How many inventory items pass between heartbeats. */
  private static final int HEARTBEAT_EVERY = 500;

  private final BlobStore blobs;
  private final Path journals;
  private final ProviderOpener opener;
  private final Clock clock;
  private final Duration lockWait;
  private final ProgressListener observer;

  /**
   * Activities for one worker.
   *
   * @param blobs where inventories and plans go
   * @param journals the folder holding each shard's journal
   * @param opener opens a shard's provider
   * @param clock the planner's and executor's clock
   * @param lockWait how long an apply waits for a shard's journal held by another run
   */
  public ShardActivitiesImpl(
      BlobStore blobs, Path journals, ProviderOpener opener, Clock clock, Duration lockWait) {
    this(blobs, journals, opener, clock, lockWait, ProgressListener.NONE);
  }

  private ShardActivitiesImpl(
      BlobStore blobs,
      Path journals,
      ProviderOpener opener,
      Clock clock,
      Duration lockWait,
      ProgressListener observer) {
    this.blobs = blobs;
    this.journals = journals;
    this.opener = opener;
    this.clock = clock;
    this.lockWait = lockWait;
    this.observer = observer;
  }

  /**
   * These activities, also telling {@code listener} of each action an apply finishes (a worker's
   * log or console); the listener runs on the executor's threads.
   */
  public ShardActivitiesImpl withProgress(ProgressListener listener) {
    return new ShardActivitiesImpl(blobs, journals, opener, clock, lockWait, listener);
  }

  /** The journal folder of a shard below {@code journals}. */
  public static Path journalOf(Path journals, Shard shard) {
    return journals.resolve(shard.provider()).resolve(shard.account()).resolve(shard.region());
  }

  @Override
  public String inventory(ShardTask task) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    try (ImageProvider provider = opener.open(task.shard())) {
      return inventory(provider, ctx::heartbeat);
    } catch (CloudImageException e) {
      throw ActivityErrors.map(e);
    }
  }

  /** Lists {@code provider} into the blob store; returns the inventory's digest. */
  private String inventory(ImageProvider provider, Consumer<String> progress) {
    return blobs.put(
        out -> {
          Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
          InventoryDocument doc = new InventoryDocument(w, progress);
          Inventory.of(provider).forEach(doc);
          doc.finish();
        });
  }

  /**
   * Inventory and plan in one go, with one provider opened for both (one role assumed, not two):
   * what a plan batch runs per shard. Errors are the library's, unmapped.
   */
  @Override
  public PlanSummary inventoryAndPlan(ShardTask task, Consumer<String> progress) {
    String given = task.plan();
    if (given != null) {
      return stored(given);
    }
    try (ImageProvider provider = opener.open(task.shard())) {
      return plan(provider, task, inventory(provider, progress));
    }
  }

  /**
   * Writes an inventory as {@code {"images":[…],"snapshots":[…]}}, element by element, so that
   * nothing but the current item is held; heartbeats every {@value #HEARTBEAT_EVERY} items.
   */
  private static final class InventoryDocument implements Inventory.Sink {
    private final Writer w;
    private final Consumer<String> progress;
    private boolean inSnapshots;
    private boolean first = true;
    private long items;

    InventoryDocument(Writer w, Consumer<String> progress) throws java.io.IOException {
      this.w = w;
      this.progress = progress;
      w.write("{\"images\":[");
    }

    @Override
    public void image(Image image) {
      element(false);
      ImageJson.write(w, image);
    }

    @Override
    public void snapshot(Snapshot snapshot) {
      element(true);
      ImageJson.write(w, snapshot);
    }

    private void element(boolean snapshot) {
      try {
        if (snapshot && !inSnapshots) {
          w.write("],\"snapshots\":[");
          inSnapshots = true;
          first = true;
        }
        if (!first) {
          w.write(',');
        }
        first = false;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      if (++items % HEARTBEAT_EVERY == 0) {
        progress.accept(items + " items listed");
      }
    }

    void finish() throws java.io.IOException {
      w.write(inSnapshots ? "]}" : "],\"snapshots\":[]}");
      w.flush();
    }
  }

  @Override
  public PlanSummary plan(ShardTask task, String inventory) {
    try {
      String given = task.plan();
      if (given != null) {
        return stored(given);
      }
      try (ImageProvider provider = opener.open(task.shard())) {
        return plan(provider, task, inventory);
      }
    } catch (CloudImageException e) {
      throw ActivityErrors.map(e);
    }
  }

  /** The summary of a plan already in the blob store, once its bytes are checked. */
  private PlanSummary stored(String given) {
    blobs.verify(given);
    return summary(given, Plan.read(blobs.get(given)));
  }

  private PlanSummary plan(ImageProvider provider, ShardTask task, String inventory) {
    LifecyclePolicy policy =
        "default".equals(task.policy())
            ? LifecyclePolicy.defaultPolicy()
            : LifecyclePolicy.read(Path.of(task.policy()));
    Plan plan =
        LifecyclePlanner.builder()
            .prices(prices(provider))
            .build()
            .plan(Inventory.file(blobs.get(inventory)), policy, clock)
            .withRecoveryWindows(provider::recoveryWindow);
    String blob = blobs.put(out -> plan.writeJson(out, JsonStyle.PRETTY));
    return summary(blob, plan);
  }

  private static PlanSummary summary(String blob, Plan plan) {
    int destructive = 0;
    for (PlannedAction a : plan.actions()) {
      if (a.action().destructive()) {
        destructive++;
      }
    }
    return new PlanSummary(
        blob,
        plan.digest(),
        plan.actions().size(),
        destructive,
        plan.skipped().size(),
        plan.monthlySaving().amount(),
        plan.monthlySaving().currency().getCurrencyCode());
  }

  @Override
  public ApplySummary apply(ShardTask task, String planBlob) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    Cancellation cancel = Cancellation.create();
    AtomicBoolean workerStopping = new AtomicBoolean();
    ProgressListener heartbeat =
        progress -> {
          observer.onProgress(progress);
          try {
            ctx.heartbeat(progress.done() + "/" + progress.total() + " " + progress.message());
          } catch (ActivityCanceledException e) {
            // Cancelled from the workflow: start no new action, report what was done.
            cancel.cancel();
          } catch (ActivityCompletionException e) {
            // This worker is stopping, or the attempt timed out and another took over: start no
            // new action, and fail the attempt so that another worker finishes from the journal.
            workerStopping.set(true);
            cancel.cancel();
          }
        };
    try {
      Plan plan = Plan.read(blobs.get(planBlob));
      ApplyResult result;
      try (ImageProvider provider = opener.open(task.shard())) {
        result =
            PlanExecutor.builder()
                .provider(provider)
                .journal(journalOf(journals, task.shard()))
                .prices(prices(provider))
                .clock(clock)
                .lockWait(lockWait)
                .ratePerSecond(task.callsPerSecond())
                .listener(heartbeat)
                .cancellation(cancel)
                .build()
                .apply(plan);
      }
      if (workerStopping.get()) {
        throw ApplicationFailure.newFailure(
            "the worker stopped during apply; another worker continues from the journal",
            "WorkerStopped");
      }
      return new ApplySummary(
          (int) result.count(Status.DONE),
          (int) result.count(Status.ALREADY_DONE),
          (int) result.count(Status.SKIPPED),
          (int) result.count(Status.FAILED),
          (int) result.count(Status.NOT_RUN),
          result.stoppedBy());
    } catch (CloudImageException e) {
      throw ActivityErrors.map(e);
    }
  }

  private static TierPrices prices(ImageProvider provider) {
    return provider.tierPrices();
  }
}
