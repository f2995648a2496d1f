/**
 * Lifecycle plans: {@link io.cloudimage.core.lifecycle.plan.LifecyclePlanner} turns an inventory
 * and a policy into a {@link io.cloudimage.core.lifecycle.plan.Plan} of {@link
 * io.cloudimage.core.lifecycle.plan.PlannedAction}s (each with the {@link
 * io.cloudimage.core.lifecycle.plan.Observed} state it was planned on) and {@link
 * io.cloudimage.core.lifecycle.plan.SkippedAction}s; {@link
 * io.cloudimage.core.lifecycle.plan.LifecycleReport} reports what an inventory costs. Planning is
 * pure: nothing here calls a provider.
 */
@NullMarked
package io.cloudimage.core.lifecycle.plan;

import org.jspecify.annotations.NullMarked;
