package io.cloudimage.fleet.simulation;

import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.plan.PlannedAction;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.fleet.workflow.ApplySummary;
import io.cloudimage.fleet.workflow.PlanSummary;
import io.cloudimage.fleet.workflow.ShardActivities;
import io.cloudimage.fleet.workflow.ShardPlanning;
import io.cloudimage.fleet.workflow.ShardTask;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Shard activities over a {@link SyntheticFleet}: the inventory is named by the shard (listing a
 * synthetic provider costs nothing, and its items are generated again where they are planned), and
 * plan runs the real {@link LifecyclePlanner} over the generated items under the default policy, in
 * a shard's own workflow or in a plan batch ({@link ShardPlanning}), where several threads share
 * the one planner (it holds no state between plans). Plans are summarised, not stored, so that
 * nothing of the fleet's size is written. Apply is refused: the simulation plans.
 */
public final class SimulatedShardActivities implements ShardActivities, ShardPlanning {
  private final SyntheticFleet fleet;
  private final LifecyclePlanner planner = LifecyclePlanner.builder().build();
  private final LifecyclePolicy policy = LifecyclePolicy.defaultPolicy();
  private final Clock clock = Clock.fixed(SyntheticFleet.NOW, ZoneOffset.UTC);
  private final AtomicLong items = new AtomicLong();
  private final AtomicLong shards = new AtomicLong();

  /** Activities generating the inventories of {@code fleet}. */
  public SimulatedShardActivities(SyntheticFleet fleet) {
    this.fleet = fleet;
  }

  @Override
  public String inventory(ShardTask task) {
    return sha256(task.shard().id());
  }

  @Override
  public PlanSummary plan(ShardTask task, String inventory) {
    Plan plan = planner.plan(fleet.inventory(task.shard()), policy, clock);
    items.addAndGet(fleet.items(task.shard()));
    shards.incrementAndGet();
    return summary(plan);
  }

  /** As {@link #plan}: the inventory is generated where it is planned. */
  @Override
  public PlanSummary inventoryAndPlan(ShardTask task, Consumer<String> progress) {
    return plan(task, inventory(task));
  }

  /** The summary the workflow gets of a plan: its figures, its digest in place of a blob. */
  static PlanSummary summary(Plan plan) {
    int destructive = 0;
    for (PlannedAction a : plan.actions()) {
      if (a.action().destructive()) {
        destructive++;
      }
    }
    return new PlanSummary(
        plan.digest(),
        plan.digest(),
        plan.actions().size(),
        destructive,
        plan.skipped().size(),
        plan.monthlySaving().amount(),
        plan.monthlySaving().currency().getCurrencyCode());
  }

  @Override
  public ApplySummary apply(ShardTask task, String plan) {
    throw ApplicationFailure.newNonRetryableFailure(
        "a synthetic fleet is only planned", "UnsupportedOperationException");
  }

  /** How many items this worker has planned. */
  public long itemsPlanned() {
    return items.get();
  }

  /** How many shards this worker has planned. */
  public long shardsPlanned() {
    return shards.get();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
