package io.cloudimage.core.lifecycle.plan;

import io.cloudimage.core.lifecycle.ResourceKind;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.ActionOptions;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.pricing.Money;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One action of a plan.
 *
 * @param resource the image or snapshot id (the provider's own)
 * @param kind image or snapshot
 * @param action what to do
 * @param options the action's details
 * @param rule the rule that chose it
 * @param reason why, in words
 * @param monthlySaving what it saves a month (negative when it costs, as a restore or copy does)
 * @param recoveryWindow how long a deleted resource stays recoverable (local trash, a cloud
 *     recycle-bin rule); {@code null} when not known or not a deletion
 * @param observed the resource's state when it was planned; the executor skips the action when the
 *     resource no longer shows it. {@code null} only for actions made by hand, which the executor
 *     refuses to change anything with
 * @param conditions the rule's conditions, evaluated again at apply time with the real clock
 */
public record PlannedAction(
    String resource,
    ResourceKind kind,
    Action action,
    ActionOptions options,
    String rule,
    String reason,
    Money monthlySaving,
    @Nullable Duration recoveryWindow,
    @Nullable Observed observed,
    List<Condition> conditions) {

  public PlannedAction {
    conditions = List.copyOf(conditions);
  }

  /**
   * An action without the state it was planned on (the executor will not change anything with it).
   */
  public PlannedAction(
      String resource,
      ResourceKind kind,
      Action action,
      ActionOptions options,
      String rule,
      String reason,
      Money monthlySaving,
      @Nullable Duration recoveryWindow) {
    this(
        resource,
        kind,
        action,
        options,
        rule,
        reason,
        monthlySaving,
        recoveryWindow,
        null,
        List.of());
  }

  /** The same action with a recovery window. */
  public PlannedAction withRecoveryWindow(@Nullable Duration window) {
    return new PlannedAction(
        resource, kind, action, options, rule, reason, monthlySaving, window, observed, conditions);
  }
}
