package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.pricing.PriceBook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamPolicyCommandTest {
  @TempDir Path dir;

  @Test
  void printsThePolicyThatApplyingAnAwsPlanNeeds() {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    Image old =
        Image.builder()
            .id(new ImageId("aws", "us-east-1", "ami-0123456789abcdef0"))
            .name("old")
            .architecture(Architecture.X86_64)
            .os(OsFamily.UBUNTU, "24.04")
            .created(now.minus(Duration.ofDays(200)))
            .build();
    Path plan = dir.resolve("plan.json");
    LifecyclePlanner.builder()
        .prices(PriceBook.defaults().prices("aws", "us-east-1").tiers())
        .build()
        .plan(
            Inventory.of(List.of(old), List.of()),
            LifecyclePolicy.builder()
                .name("deprecate-old")
                .rule(
                    "old",
                    r -> r.when(Condition.olderThan(Duration.ofDays(90))).then(Action.DEPRECATE))
                .build(),
            Clock.fixed(now, ZoneOffset.UTC))
        .write(plan);

    CliRun run = CliRun.of("iam-policy", "--plan", plan.toString());

    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(Output.tree(run.out()).path("Statement").toString())
        .contains("ec2:EnableImageDeprecation")
        .contains("arn:aws:ec2:*::image/ami-0123456789abcdef0");
  }

  @Test
  void aMissingPlanFileIsBadInput() {
    CliRun run = CliRun.of("iam-policy", "--plan", dir.resolve("none.json").toString());
    assertThat(run.exitCode()).isEqualTo(3);
  }

  @Test
  void anUnreadablePlanIsBadInputAndAMissingFlagIsUsage() throws Exception {
    Path plan = Files.writeString(dir.resolve("plan.json"), "{\"not\": \"a plan\"}");
    assertThat(CliRun.of("iam-policy", "--plan", plan.toString()).exitCode()).isEqualTo(3);
    assertThat(CliRun.of("iam-policy").exitCode()).isEqualTo(2);
  }
}
