/**
 * Image lifecycle management. This package holds the {@link io.cloudimage.core.lifecycle.Inventory}
 * of {@link io.cloudimage.core.lifecycle.Resource}s that policies are evaluated on; the policy
 * language is in {@code lifecycle.policy}, the planner and its digest-sealed plans in {@code
 * lifecycle.plan}, executing a plan in {@code lifecycle.execute}, and its audit trail in {@code
 * io.cloudimage.core.journal}.
 */
@NullMarked
package io.cloudimage.core.lifecycle;

import org.jspecify.annotations.NullMarked;
