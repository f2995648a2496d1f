/**
 * Image lifecycle management: a {@link io.cloudimage.core.lifecycle.LifecyclePolicy} of rules
 * ({@link io.cloudimage.core.lifecycle.Condition} to {@link io.cloudimage.core.lifecycle.Action})
 * with exclusions no rule can override, the pure {@link
 * io.cloudimage.core.lifecycle.LifecyclePlanner} that turns an {@link
 * io.cloudimage.core.lifecycle.Inventory} into a digest-sealed {@link
 * io.cloudimage.core.lifecycle.Plan} with a reason and a monthly saving per action, and the {@link
 * io.cloudimage.core.lifecycle.LifecycleReport} of reuse and storage-cost figures. Executing a plan
 * lives in {@code io.cloudimage.core.lifecycle.execute}; its audit trail in {@code
 * io.cloudimage.core.journal}.
 */
@NullMarked
package io.cloudimage.core.lifecycle;

import org.jspecify.annotations.NullMarked;
