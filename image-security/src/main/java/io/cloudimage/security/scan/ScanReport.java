package io.cloudimage.security.scan;

import java.util.List;

/**
 * What a scan found.
 *
 * @param root the scanned folder on this host
 * @param findings every finding, worst first, then by path
 * @param warnings what could not be read
 */
public record ScanReport(String root, List<Finding> findings, List<String> warnings) {
  public ScanReport {
    findings = List.copyOf(findings);
    warnings = List.copyOf(warnings);
  }

  /** Whether nothing was found. */
  public boolean clean() {
    return findings.isEmpty();
  }

  /**
   * The fix plan as text, one action per line ({@code remove PATH}, {@code truncate PATH}), paths
   * inside the image; findings that need a person's decision follow as comments. Nothing has been
   * changed: the plan is for review and for a separate, deliberate step to apply.
   */
  public String fixPlan() {
    StringBuilder out = new StringBuilder();
    out.append("# cloudimage scan fix plan for ").append(root).append('\n');
    out.append("# Nothing has been changed. Paths are inside the image. Review, then apply.\n");
    for (Finding f : findings) {
      switch (f.action()) {
        case REMOVE -> out.append("remove ").append(f.path()).append('\n');
        case TRUNCATE -> out.append("truncate ").append(f.path()).append('\n');
        case REVIEW -> {
          // Listed last, below.
        }
      }
    }
    for (Finding f : findings) {
      if (f.action() == Finding.Action.REVIEW) {
        out.append("# review ").append(f.path()).append(": ").append(f.fix()).append('\n');
      }
    }
    return out.toString();
  }
}
