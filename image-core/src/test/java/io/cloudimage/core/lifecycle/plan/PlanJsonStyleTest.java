package io.cloudimage.core.lifecycle.plan;

import static io.cloudimage.core.lifecycle.plan.Fixtures.NOW;
import static io.cloudimage.core.lifecycle.plan.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanJsonStyleTest {
  @TempDir Path dir;

  private static Plan plan() {
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .name("styles")
            .allowActionsOnNewestOfFamily()
            .rule(
                "archive",
                r -> r.when(Condition.unusedFor(Duration.ofDays(30))).then(Action.ARCHIVE))
            .build();
    return LifecyclePlanner.builder()
        .build()
        .plan(
            Inventory.of(
                List.of(image("img-1", 45).build(), image("img-2", 200).build()), List.of()),
            policy,
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static String json(Plan plan, JsonStyle style) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    plan.writeJson(out, style);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void compactAndPrettyCarryTheSameDigestAndReadBackAlike() {
    Plan plan = plan();
    String compact = json(plan, JsonStyle.COMPACT);
    String pretty = json(plan, JsonStyle.PRETTY);
    assertThat(compact).doesNotContain("\n").contains("\"digest\":\"" + plan.digest() + "\"");
    assertThat(pretty.lines().count()).isGreaterThan(10);
    for (String text : List.of(compact, pretty)) {
      Plan back =
          Plan.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "plan.json");
      assertThat(back.digest()).isEqualTo(plan.digest());
      assertThat(back.actions()).isEqualTo(plan.actions());
    }
  }

  @Test
  void planFileIsThePrettyJson() throws Exception {
    Plan plan = plan();
    Path file = dir.resolve("plan.json");
    plan.write(file);
    assertThat(Files.readString(file)).isEqualTo(json(plan, JsonStyle.PRETTY));
    assertThat(Plan.read(file).digest()).isEqualTo(plan.digest());
  }
}
