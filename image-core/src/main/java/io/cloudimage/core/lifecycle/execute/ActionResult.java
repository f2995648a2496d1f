package io.cloudimage.core.lifecycle.execute;

import io.cloudimage.core.lifecycle.policy.Action;

/**
 * The result of one planned action.
 *
 * @param index its position in the plan
 * @param resource the image or snapshot id
 * @param action the action
 * @param status what became of it
 * @param detail why, or what the provider said
 */
public record ActionResult(
    int index, String resource, Action action, Status status, String detail) {}
