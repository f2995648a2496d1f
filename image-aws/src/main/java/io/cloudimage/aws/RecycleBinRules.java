package io.cloudimage.aws;

import io.cloudimage.core.model.Tags;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.rbin.model.ListRulesRequest;
import software.amazon.awssdk.services.rbin.model.ListRulesResponse;
import software.amazon.awssdk.services.rbin.model.ResourceTag;
import software.amazon.awssdk.services.rbin.model.RuleSummary;

/** Whether a Recycle Bin rule covers a resource, so a plan can say if a deletion is recoverable. */
final class RecycleBinRules {
  private final AwsCalls aws;

  RecycleBinRules(AwsCalls aws) {
    this.aws = aws;
  }

  /**
   * The longest retention of the Recycle Bin rules that cover the resource (rules without resource
   * tags cover every resource of their type unless an exclusion tag matches; tagged rules cover
   * resources carrying one of their tags), or empty when none does and deletion is final.
   */
  Optional<Duration> recoveryWindow(String resourceId) {
    String id = AwsIds.resource(resourceId);
    boolean image = AwsIds.isImage(id);
    Tags tags =
        image
            ? AwsModel.tags(aws.rawImage(aws.ec2(), id).tags())
            : AwsModel.tags(aws.rawSnapshot(id).tags());
    String type = image ? "EC2_IMAGE" : "EBS_SNAPSHOT";
    Duration best = null;
    String token = null;
    do {
      String t = token;
      ListRulesResponse page =
          aws.call(
              "rbin:ListRules",
              id,
              () ->
                  aws.clients
                      .rbin()
                      .listRules(
                          ListRulesRequest.builder().resourceType(type).nextToken(t).build()));
      for (RuleSummary rule : page.rules()) {
        if (rule.retentionPeriod() == null || !covers(rule, tags)) {
          continue;
        }
        Duration d = Duration.ofDays(rule.retentionPeriod().retentionPeriodValue());
        if (best == null || d.compareTo(best) > 0) {
          best = d;
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return Optional.ofNullable(best);
  }

  private boolean covers(RuleSummary summary, Tags tags) {
    // ListRules filtered by resource tags is a server-side match; the summary lacks the tags, so
    // each rule is read once to see whether it is a region-wide rule or a tagged one.
    var rule =
        aws.call(
            "rbin:GetRule",
            summary.identifier(),
            () -> aws.clients.rbin().getRule(r -> r.identifier(summary.identifier())));
    if (!"available".equalsIgnoreCase(rule.statusAsString())) {
      return false;
    }
    for (ResourceTag ex : rule.excludeResourceTags()) {
      if (matches(ex, tags)) {
        return false;
      }
    }
    if (rule.resourceTags().isEmpty()) {
      return true;
    }
    return rule.resourceTags().stream().anyMatch(t -> matches(t, tags));
  }

  private static boolean matches(ResourceTag tag, Tags tags) {
    Optional<String> v = tags.get(tag.resourceTagKey());
    return v.isPresent()
        && (tag.resourceTagValue() == null
            || tag.resourceTagValue().isEmpty()
            || tag.resourceTagValue().equals(v.get()));
  }
}
