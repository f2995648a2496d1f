package io.cloudimage.core.lifecycle.plan;

import static io.cloudimage.core.lifecycle.plan.Fixtures.NOW;
import static io.cloudimage.core.lifecycle.plan.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.json.ImageJson;
import io.cloudimage.core.json.internal.StrictJson;
import io.cloudimage.core.lifecycle.FamilyKey;
import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.lifecycle.policy.Rule;
import io.cloudimage.core.model.StorageTier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyAndPlanFileTest {
  @TempDir Path dir;

  @Test
  void yamlPolicyReadsTheBuilderVocabulary() throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "name: platform",
            "family: name:^(.*)-v\\d+$",
            "rules:",
            "  - name: prune",
            "    when: {moreThanInFamily: 3, deprecatedFor: 30d}",
            "    action: DEREGISTER",
            "    withSnapshots: false",
            "  - name: cool",
            "    when: {notAccessedFor: P90D, sizeAbove: 1GiB}",
            "    action: move_tier",
            "    tier: cold",
            ""));
    LifecyclePolicy p = LifecyclePolicy.read(file);
    assertThat(p.name()).isEqualTo("platform");
    assertThat(p.family().source()).isEqualTo(FamilyKey.Source.NAME_PATTERN);
    assertThat(p.rules())
        .extracting(Rule::action)
        .containsExactly(Action.DEREGISTER, Action.MOVE_TIER);
    assertThat(p.rules().get(0).familyKeep()).isEqualTo(3);
    assertThat(p.rules().get(0).options().withSnapshots()).isFalse();
    assertThat(p.rules().get(1).options().tier()).isEqualTo(StorageTier.COLD);
    assertThat(p.rules().get(1).conditions()).contains(Condition.sizeAbove(1L << 30));
  }

  @Test
  void badPolicyFileNamesLineAndField() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        "name: x\nrules:\n  - name: r\n    when:\n      unusedFor: soon\n"
            + "    action: ARCHIVE\n");
    assertThatThrownBy(() -> LifecyclePolicy.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 5")
        .hasMessageContaining("rules[0].when.unusedFor");
    Path typo = dir.resolve("typo.json");
    Files.writeString(
        typo,
        "{\"name\":\"x\",\n \"rules\":[{\"name\":\"r\",\n"
            + "  \"when\":{\"unusedFor\":\"3d\"},\"acton\":\"ARCHIVE\"}]}");
    assertThatThrownBy(() -> LifecyclePolicy.read(typo))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("rules[0].acton");
    Path noTier = dir.resolve("notier.yaml");
    Files.writeString(
        noTier,
        "name: x\nrules:\n  - name: r\n    when: {olderThan: 3d}\n" + "    action: MOVE_TIER\n");
    assertThatThrownBy(() -> LifecyclePolicy.read(noTier))
        .hasMessageContaining("line 3")
        .hasMessageContaining("MOVE_TIER needs a tier");
  }

  @Test
  void builderRefusesContradictions() {
    assertThatThrownBy(
            () ->
                LifecyclePolicy.builder()
                    .rule(
                        "r",
                        r ->
                            r.when(Condition.olderThan(Duration.ofDays(1)))
                                .then(Action.DEREGISTER)
                                .tier(StorageTier.COLD)))
        .hasMessageContaining("tier COLD is set but action DEREGISTER takes no tier");
  }

  private Plan samplePlan() {
    return LifecyclePlanner.builder()
        .build()
        .plan(
            Inventory.of(
                List.of(image("img-1", 45).build(), image("img-2", 200).build()), List.of()),
            LifecyclePolicy.defaultPolicy(),
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void planFileRoundTripsWithItsDigest() throws Exception {
    Plan plan = samplePlan();
    Path file = dir.resolve("plan.json");
    plan.write(file);
    Plan back = Plan.read(file);
    assertThat(back.digest()).isEqualTo(plan.digest()).startsWith("sha256:");
    assertThat(back.actions()).isEqualTo(plan.actions());
    assertThat(back.monthlySaving()).isEqualTo(plan.monthlySaving());
    assertThat(StrictJson.mapper().readTree(file.toFile()).path("actions").get(0).fieldNames())
        .toIterable()
        .contains("resource", "action", "reason", "monthlySaving");
  }

  @Test
  void editedPlanFileIsRefused() throws Exception {
    Path file = dir.resolve("plan.json");
    samplePlan().write(file);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Files.writeString(file, text.replace("\"img-1\"", "\"img-9\""));
    assertThatThrownBy(() -> Plan.read(file))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageContaining("does not match its digest");
  }

  @Test
  void inventoryFileStreamsBothShapes() throws Exception {
    Path array = dir.resolve("list.json");
    Files.writeString(array, "[" + ImageJson.toJson(image("img-1", 45).build()) + "]");
    Path object = dir.resolve("inv.json");
    Files.writeString(
        object,
        "{\"images\":["
            + ImageJson.toJson(image("img-1", 45).build())
            + "],\"snapshots\":["
            + ImageJson.toJson(Fixtures.snapshot("s-1", 100, 10).build())
            + "]}");
    LifecyclePlanner planner = LifecyclePlanner.builder().build();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    assertThat(
            planner.plan(Inventory.file(array), LifecyclePolicy.defaultPolicy(), clock).actions())
        .hasSize(1);
    assertThat(
            planner.plan(Inventory.file(object), LifecyclePolicy.defaultPolicy(), clock).actions())
        .hasSize(2);
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "[{\"id\":\"x\",\n\"name\":\"x\"}]");
    assertThatThrownBy(
            () -> planner.plan(Inventory.file(broken), LifecyclePolicy.defaultPolicy(), clock))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("image #0 (line 1)");
  }
}
