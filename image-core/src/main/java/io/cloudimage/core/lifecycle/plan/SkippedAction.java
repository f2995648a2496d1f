package io.cloudimage.core.lifecycle.plan;

import io.cloudimage.core.lifecycle.ResourceKind;
import io.cloudimage.core.lifecycle.policy.Action;

/**
 * A rule matched but its action was not planned: the resource is excluded, or the action would lose
 * money. Listed in the plan so a reader sees why nothing happens.
 *
 * @param resource the image or snapshot id
 * @param kind image or snapshot
 * @param action the action the rule would have taken
 * @param rule the rule
 * @param reason why it was skipped
 */
public record SkippedAction(
    String resource, ResourceKind kind, Action action, String rule, String reason) {

  /** One line for people: {@code DEREGISTER image ami-1 (rule old): excluded: in use}. */
  @Override
  public String toString() {
    return action
        + " "
        + kind.name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + resource
        + " (rule "
        + rule
        + "): "
        + reason;
  }
}
