package io.cloudimage.core.lifecycle.plan;

import static io.cloudimage.core.lifecycle.plan.Fixtures.NOW;
import static io.cloudimage.core.lifecycle.plan.Fixtures.daysAgo;
import static io.cloudimage.core.lifecycle.plan.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConditionCombinatorsTest {
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Condition UNUSED_30 = Condition.unusedFor(Duration.ofDays(30));
  private static final Condition TEST_ENV = Condition.tagMatches("env", "test|dev");
  private static final Condition ARCHIVED = Condition.tierIs(StorageTier.ARCHIVE);

  @TempDir Path dir;

  /** Old and unused, tagged prod, hot. */
  private final Image oldProd = image("img-old", 400).tags(Tags.of(Map.of("env", "prod"))).build();

  /** Launched yesterday, tagged test, hot. */
  private final Image freshTest =
      image("img-fresh", 400).lastLaunched(daysAgo(1)).tags(Tags.of(Map.of("env", "test"))).build();

  private static List<String> planned(LifecyclePolicy policy, Image... images) {
    Plan plan =
        LifecyclePlanner.builder()
            .build()
            .plan(Inventory.of(List.of(images), List.of()), policy, CLOCK);
    return plan.actions().stream().map(a -> a.resource() + ": " + a.reason()).toList();
  }

  private static LifecyclePolicy archiveWhen(Condition c) {
    return LifecyclePolicy.builder()
        .name("t")
        .rule("r", r -> r.when(c).then(Action.ARCHIVE))
        .build();
  }

  @Test
  void anyOfHoldsWhenOneAlternativeHoldsAndExplainsWhatHeld() {
    List<String> plan =
        planned(archiveWhen(Condition.anyOf(UNUSED_30, TEST_ENV)), oldProd, freshTest);
    assertThat(plan)
        .containsExactlyInAnyOrder(
            "img-old: never launched, created 400 days ago",
            // Reasons come from the full resource: the alternative that held is named.
            "img-fresh: tag env matches test|dev");
  }

  @Test
  void allOfHoldsOnlyWhenEveryPartHoldsAndExplainsEachPart() {
    Image oldTest = image("img-old-test", 400).tags(Tags.of(Map.of("env", "dev"))).build();
    List<String> plan =
        planned(archiveWhen(Condition.allOf(UNUSED_30, TEST_ENV)), oldProd, freshTest, oldTest);
    assertThat(plan)
        .containsExactly(
            "img-old-test: never launched, created 400 days ago and tag env matches test|dev");
  }

  @Test
  void notHoldsWhenItsConditionDoesNotAndSaysWhatTheResourceIsNot() {
    List<String> plan = planned(archiveWhen(Condition.not(TEST_ENV)), oldProd, freshTest);
    assertThat(plan).containsExactly("img-old: not tag env matches test|dev");
  }

  @Test
  void combinatorsDescribeThemselvesReadably() {
    assertThat(Condition.anyOf(UNUSED_30, Condition.not(ARCHIVED)).describe())
        .isEqualTo("unused for 30 days or not in tier ARCHIVE");
    assertThat(
            Condition.not(Condition.anyOf(TEST_ENV, Condition.allOf(UNUSED_30, ARCHIVED)))
                .describe())
        .isEqualTo("not (tag env matches test|dev or (unused for 30 days and in tier ARCHIVE))");
    assertThat(Condition.olderThan(Duration.ofHours(36)).describe())
        .isEqualTo("older than 36 hours");
    assertThat(Condition.deprecatedFor(Duration.ZERO).describe()).isEqualTo("deprecated");
    assertThat(Condition.sizeAbove(1024).describe()).isEqualTo("larger than 1024 bytes");
  }

  @Test
  void familyConditionsAndEmptyCombinationsAreRefused() {
    assertThatThrownBy(() -> Condition.not(Condition.moreThanInFamily(2)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("moreThanInFamily cannot be inside not");
    assertThatThrownBy(
            () -> Condition.anyOf(UNUSED_30, Condition.allOf(Condition.moreThanInFamily(1))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("moreThanInFamily cannot be inside allOf");
    assertThatThrownBy(() -> Condition.anyOf(List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("anyOf needs at least one condition");
  }

  @Test
  void policyFilesWriteCombinatorsUnderWhen() throws Exception {
    Path file = dir.resolve("combined.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "name: combined",
            "rules:",
            "  - name: archive-idle-non-prod",
            "    when:",
            "      anyOf:",
            "        - {unusedFor: 30d}",
            "        - {tag: {key: env, matches: test|dev}, olderThan: 7d}",
            "      not: {tierIs: ARCHIVE}",
            "    action: ARCHIVE",
            ""));
    LifecyclePolicy policy = LifecyclePolicy.read(file);
    assertThat(policy.rules().get(0).conditions())
        .containsExactly(
            Condition.anyOf(
                UNUSED_30, Condition.allOf(TEST_ENV, Condition.olderThan(Duration.ofDays(7)))),
            Condition.not(ARCHIVED));
    assertThat(planned(policy, oldProd, freshTest))
        .containsExactlyInAnyOrder(
            "img-old: never launched, created 400 days ago; not in tier ARCHIVE",
            "img-fresh: tag env matches test|dev and created 400 days ago; not in tier ARCHIVE");

    Path json = dir.resolve("combined.json");
    Files.writeString(
        json,
        "{\"name\": \"j\", \"rules\": [{\"name\": \"r\", \"action\": \"ARCHIVE\",\n"
            + " \"when\": {\"allOf\": [{\"unusedFor\": \"30d\"}, {\"not\": {\"shared\": true}}]}}]}");
    assertThat(LifecyclePolicy.read(json).rules().get(0).conditions())
        .containsExactly(Condition.allOf(UNUSED_30, Condition.not(Condition.shared())));
  }

  @Test
  void combinatorMistakesInFilesNameTheLineAndTheField() throws Exception {
    Path family = dir.resolve("family.yaml");
    Files.writeString(
        family,
        "name: p\nrules:\n  - name: r\n    when:\n      not: {moreThanInFamily: 2}\n"
            + "    action: DEREGISTER\n");
    assertThatThrownBy(() -> LifecyclePolicy.read(family))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("family.yaml line 5: rules[0].when.not:")
        .hasMessageContaining("moreThanInFamily cannot be inside not");
    Path empty = dir.resolve("empty.yaml");
    Files.writeString(
        empty, "name: p\nrules:\n  - name: r\n    when: {anyOf: []}\n    action: ARCHIVE\n");
    assertThatThrownBy(() -> LifecyclePolicy.read(empty))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty.yaml line 4: rules[0].when.anyOf: must be a non-empty list");
  }
}
