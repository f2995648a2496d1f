package io.cloudimage.core.lifecycle.execute;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of applying a plan.
 *
 * @param planDigest the digest of the plan applied
 * @param dryRun whether nothing was changed
 * @param results one per planned action, in plan order
 * @param stoppedBy why the run stopped early ({@code "cancelled"}, {@code "error budget"}), or
 *     {@code null} when it went through
 */
public record ApplyResult(
    String planDigest, boolean dryRun, List<ActionResult> results, @Nullable String stoppedBy) {
  public ApplyResult {
    results = List.copyOf(results);
  }

  /** How many results have {@code status}. */
  public long count(Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  /** Whether every action is done (now or earlier) or was rightly skipped. */
  public boolean complete() {
    return results.stream()
        .allMatch(
            r ->
                r.status() == Status.DONE
                    || r.status() == Status.ALREADY_DONE
                    || r.status() == Status.SKIPPED);
  }
}
