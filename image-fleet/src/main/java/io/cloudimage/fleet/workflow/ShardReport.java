package io.cloudimage.fleet.workflow;

import io.cloudimage.fleet.Shard;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * How one shard ended.
 *
 * @param shard the target
 * @param status how it ended
 * @param actions the plan's actions (0 when there is no plan)
 * @param skipped the actions the planner skipped
 * @param monthlySaving the plan's monthly saving
 * @param currency its currency
 * @param plan the plan's digest in the blob store, or null
 * @param applied what apply did, or null when it did not run
 * @param error what went wrong, or null
 */
public record ShardReport(
    Shard shard,
    ShardStatus status,
    int actions,
    int skipped,
    BigDecimal monthlySaving,
    String currency,
    @Nullable String plan,
    @Nullable ApplySummary applied,
    @Nullable String error) {

  /** A report for a shard that ended with {@code plan} and without apply. */
  static ShardReport of(Shard shard, ShardStatus status, PlanSummary plan, @Nullable String error) {
    return new ShardReport(
        shard,
        status,
        plan.actions(),
        plan.skipped(),
        plan.monthlySaving(),
        plan.currency(),
        plan.blob(),
        null,
        error);
  }

  /** A report for a shard that ended without a plan. */
  static ShardReport without(Shard shard, ShardStatus status, @Nullable String error) {
    return new ShardReport(shard, status, 0, 0, BigDecimal.ZERO, "USD", null, null, error);
  }
}
