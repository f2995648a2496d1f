package io.cloudimage.aws;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.plan.PlannedAction;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The least-privilege IAM policy that executing a lifecycle plan with the aws provider needs: the
 * read actions every apply makes (the apply-time re-checks describe images, snapshots, instances
 * and launch templates) on {@code *}, since EC2's Describe calls take no resource ARNs, and for
 * each changing action only the images and snapshots the plan names.
 *
 * <pre>{@code
 * String json = IamPolicy.forPlan(Plan.read(Path.of("plan.json")));
 * }</pre>
 */
public final class IamPolicy {
  /** What every apply reads, whatever its actions. */
  static final List<String> READ =
      List.of(
          "ec2:DescribeImageAttribute",
          "ec2:DescribeImages",
          "ec2:DescribeInstances",
          "ec2:DescribeLaunchTemplateVersions",
          "ec2:DescribeLaunchTemplates",
          "ec2:DescribeSnapshots",
          "autoscaling:DescribeLaunchConfigurations",
          "sts:GetCallerIdentity");

  private static final String ANY_SNAPSHOT = "arn:aws:ec2:*:*:snapshot/*";

  private IamPolicy() {}

  /**
   * The policy document as JSON.
   *
   * @throws InvalidInputException when the plan holds an action the aws provider cannot execute
   */
  public static String forPlan(Plan plan) {
    SortedMap<String, SortedSet<String>> grants = new TreeMap<>();
    for (PlannedAction a : plan.actions()) {
      String arn = arn(a.resource());
      switch (a.action()) {
        case TAG:
          grant(grants, arn, "ec2:CreateTags", "ec2:DeleteTags");
          break;
        case DEPRECATE:
          grant(grants, arn, "ec2:EnableImageDeprecation");
          break;
        case DISABLE:
          grant(grants, arn, "ec2:DisableImage");
          break;
        case ARCHIVE:
        case MOVE_TIER:
          grant(grants, arn, "ec2:ModifySnapshotTier", "ec2:RestoreSnapshotTier");
          break;
        case RESTORE:
          grant(grants, arn, "ec2:RestoreSnapshotTier");
          break;
        case UNSHARE:
          grant(grants, arn, "ec2:ModifyImageAttribute");
          break;
        case DEREGISTER:
          grant(grants, arn, "ec2:DeregisterImage");
          if (a.options().withSnapshots()) {
            // The backing snapshots are found at apply time; the plan does not name them.
            grant(grants, ANY_SNAPSHOT, "ec2:DeleteSnapshot");
          }
          break;
        case DELETE_SNAPSHOT:
          grant(grants, arn, "ec2:DeleteSnapshot");
          break;
        case COPY:
          // CopyImage is authorised on the new image, whose id does not exist yet; the copy keeps
          // its tags, which needs CreateTags on it.
          grant(grants, "*", "ec2:CopyImage", "ec2:CreateTags");
          break;
        default:
          throw new InvalidInputException(
              "the plan's "
                  + a.action()
                  + " of "
                  + a.resource()
                  + " cannot be executed by the aws provider; remove the rule that plans it");
      }
    }
    return json(grants);
  }

  private static void grant(Map<String, SortedSet<String>> grants, String arn, String... actions) {
    for (String action : actions) {
      grants.computeIfAbsent(action, k -> new TreeSet<>()).add(arn);
    }
  }

  /** The ARN of an image or snapshot in any region of the caller's account. */
  private static String arn(String id) {
    if (AwsIds.isImage(id)) {
      return "arn:aws:ec2:*::image/" + id;
    }
    if (AwsIds.isSnapshot(id)) {
      return "arn:aws:ec2:*:*:snapshot/" + id;
    }
    throw new InvalidInputException(
        "the plan names '"
            + id
            + "', which is not an AWS image or snapshot id; was it planned"
            + " against another provider?");
  }

  private static String json(SortedMap<String, SortedSet<String>> grants) {
    StringBuilder out = new StringBuilder();
    out.append("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");
    statement(out, "ReadForApplyTimeChecks", READ, Set.of("*"));
    for (Map.Entry<String, SortedSet<String>> g : grants.entrySet()) {
      out.append(",\n");
      String sid = g.getKey().replace("ec2:", "").replace(":", "");
      Set<String> resources = g.getValue().contains("*") ? Set.of("*") : g.getValue();
      statement(out, sid, List.of(g.getKey()), resources);
    }
    out.append("\n  ]\n}\n");
    return out.toString();
  }

  private static void statement(
      StringBuilder out, String sid, List<String> actions, Set<String> resources) {
    out.append("    {\n      \"Sid\": ").append(quote(sid)).append(",\n");
    out.append("      \"Effect\": \"Allow\",\n");
    out.append("      \"Action\": ").append(list(actions)).append(",\n");
    out.append("      \"Resource\": ").append(list(List.copyOf(new TreeSet<>(resources))));
    out.append("\n    }");
  }

  private static String list(List<String> values) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
    }
    return b.append(']').toString();
  }

  private static String quote(String s) {
    // Ids, ARNs and action names hold no characters that JSON escapes but these two.
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
