package io.cloudimage.security.sbom.policy;

import java.util.List;

/**
 * The outcome of a policy check.
 *
 * @param violations every broken rule, in component order
 */
public record PolicyReport(List<Violation> violations) {
  public PolicyReport {
    violations = List.copyOf(violations);
  }

  /** Whether the SBOM passed. */
  public boolean passed() {
    return violations.isEmpty();
  }
}
