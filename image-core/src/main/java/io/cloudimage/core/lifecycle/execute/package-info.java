/**
 * Executing a lifecycle {@link io.cloudimage.core.lifecycle.plan.Plan} against a provider: {@link
 * io.cloudimage.core.lifecycle.execute.PlanExecutor} is dry-run by default, journals an intent
 * before and an outcome after every action, re-checks each destructive action with the provider
 * just before acting, and resumes after a crash without repeating finished work.
 */
@NullMarked
package io.cloudimage.core.lifecycle.execute;

import org.jspecify.annotations.NullMarked;
