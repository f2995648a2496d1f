package io.cloudimage.fleet.workflow;

import java.math.BigDecimal;

/**
 * A shard's plan as the workflow sees it: the blob's digest and the figures approval needs.
 *
 * @param blob the plan file's digest in the blob store
 * @param planDigest the plan's own digest (the journal's key)
 * @param actions how many actions
 * @param destructive how many of them remove a resource
 * @param skipped how many actions the planner considered and skipped
 * @param monthlySaving the plan's monthly saving
 * @param currency its ISO-4217 currency code
 */
public record PlanSummary(
    String blob,
    String planDigest,
    int actions,
    int destructive,
    int skipped,
    BigDecimal monthlySaving,
    String currency) {}
