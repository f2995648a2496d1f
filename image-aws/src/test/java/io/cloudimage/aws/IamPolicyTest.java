package io.cloudimage.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.pricing.PriceBook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class IamPolicyTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  private static Image image(String id, String name) {
    return Image.builder()
        .id(new ImageId("aws", "us-east-1", id))
        .name(name)
        .architecture(Architecture.X86_64)
        .os(OsFamily.UBUNTU, "24.04")
        .created(NOW.minus(Duration.ofDays(200)))
        .sizeBytes(8L << 30)
        .build();
  }

  private static Plan plan(LifecyclePolicy policy, Image... images) {
    return LifecyclePlanner.builder()
        .prices(PriceBook.defaults().prices("aws", "us-east-1").tiers())
        .build()
        .plan(Inventory.of(List.of(images), List.of()), policy, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void aDeregisteringPlanGrantsDeregisterOnItsImagesOnlyAndTheReadsOnStar() {
    Plan plan =
        plan(
            LifecyclePolicy.builder()
                .name("retire")
                .rule(
                    "old",
                    r ->
                        r.when(Condition.olderThan(Duration.ofDays(90)))
                            .then(Action.DEREGISTER)
                            .withSnapshots())
                .build(),
            image("ami-0123456789abcdef0", "a"),
            image("ami-0123456789abcdef1", "b"));

    String policy = IamPolicy.forPlan(plan);

    assertThat(policy)
        .contains("\"Version\": \"2012-10-17\"")
        .contains("\"Action\": [\"ec2:DeregisterImage\"]")
        .contains(
            "\"Resource\": [\"arn:aws:ec2:*::image/ami-0123456789abcdef0\","
                + " \"arn:aws:ec2:*::image/ami-0123456789abcdef1\"]")
        .contains("\"Action\": [\"ec2:DeleteSnapshot\"]")
        .contains("ec2:DescribeImages")
        .doesNotContain("ec2:CopyImage")
        .doesNotContain("ec2:ModifySnapshotTier");
  }

  @Test
  void aPlanFromAnotherProviderIsRefused() {
    Plan plan =
        plan(
            LifecyclePolicy.builder()
                .name("retire")
                .rule(
                    "old",
                    r -> r.when(Condition.olderThan(Duration.ofDays(90))).then(Action.DEREGISTER))
                .build(),
            image("img-0123456789abcdef", "local"));
    assertThatThrownBy(() -> IamPolicy.forPlan(plan))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("img-0123456789abcdef");
  }
}
