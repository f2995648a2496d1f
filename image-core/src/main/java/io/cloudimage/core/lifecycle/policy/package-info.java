/**
 * Lifecycle policies: a {@link io.cloudimage.core.lifecycle.policy.LifecyclePolicy} of {@link
 * io.cloudimage.core.lifecycle.policy.Rule}s, each a list of {@link
 * io.cloudimage.core.lifecycle.policy.Condition}s (combined with {@code not}, {@code anyOf} and
 * {@code allOf}) leading to one {@link io.cloudimage.core.lifecycle.policy.Action} with its {@link
 * io.cloudimage.core.lifecycle.policy.ActionOptions}, read strictly from YAML or JSON by {@code
 * PolicyReader}.
 */
@NullMarked
package io.cloudimage.core.lifecycle.policy;

import org.jspecify.annotations.NullMarked;
