package io.cloudimage.core.lifecycle.plan;

import static io.cloudimage.core.lifecycle.plan.Fixtures.NOW;
import static io.cloudimage.core.lifecycle.plan.Fixtures.daysAgo;
import static io.cloudimage.core.lifecycle.plan.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.json.internal.StrictJson;
import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.lifecycle.policy.internal.ConditionCodec;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.pricing.Money;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans carry combined conditions ({@code not}, {@code anyOf}, {@code allOf}) so the executor can
 * re-check them, and reasons name the alternative of an {@code anyOf} that held.
 */
class CombinatorPlanFileTest {
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Condition UNUSED_30 = Condition.unusedFor(Duration.ofDays(30));
  private static final Condition TEST_ENV = Condition.tagMatches("env", "test|dev");

  @TempDir Path dir;

  private static String json(Condition c) throws Exception {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = StrictJson.mapper().getFactory().createGenerator(w)) {
      ConditionCodec.write(g, c);
    }
    return w.toString();
  }

  private static Condition roundTrip(Condition c) throws Exception {
    return ConditionCodec.read(StrictJson.mapper().readTree(json(c)), "plan");
  }

  @Test
  void everyCombinatorRoundTripsNestedAndWithEveryLeafKind() throws Exception {
    Condition c =
        Condition.anyOf(
            Condition.allOf(UNUSED_30, Condition.not(TEST_ENV)),
            Condition.not(Condition.anyOf(Condition.tierIs(StorageTier.ARCHIVE))),
            Condition.allOf(
                Condition.olderThan(Duration.ofDays(90)),
                Condition.notAccessedFor(Duration.ofHours(12)),
                Condition.deprecatedFor(Duration.ZERO),
                Condition.sizeAbove(1024),
                Condition.notShared(),
                Condition.monthlyCostAbove(Money.of("1.50", "USD"))));
    assertThat(roundTrip(c)).isEqualTo(c);
    assertThat(roundTrip(Condition.not(TEST_ENV))).isEqualTo(Condition.not(TEST_ENV));
  }

  @Test
  void combinatorsAreWrittenAsTypedObjectsWithTheirParts() throws Exception {
    JsonNode n = StrictJson.mapper().readTree(json(Condition.anyOf(UNUSED_30, TEST_ENV)));
    assertThat(n.path("type").asText()).isEqualTo("anyOf");
    assertThat(n.path("conditions")).hasSize(2);
    assertThat(n.path("conditions").get(1).path("type").asText()).isEqualTo("tagMatches");
    JsonNode not = StrictJson.mapper().readTree(json(Condition.not(TEST_ENV)));
    assertThat(not.path("condition").path("key").asText()).isEqualTo("env");
  }

  @Test
  void malformedCombinatorsAreRefusedNamingWhere() {
    assertThatThrownBy(() -> read("{\"type\":\"anyOf\",\"conditions\":[]}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("plan: 'conditions' must be a non-empty list");
    assertThatThrownBy(() -> read("{\"type\":\"allOf\"}"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> read("{\"type\":\"not\",\"condition\":3}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'condition' must be a condition object");
    assertThatThrownBy(() -> read("{\"type\":\"anyOf\",\"conditions\":[{\"type\":\"x\"}]}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("plan.conditions[0]: unknown condition type 'x'");
    // A family condition inside a combinator is refused, as in a policy.
    assertThatThrownBy(
            () ->
                read("{\"type\":\"not\",\"condition\":{\"type\":\"moreThanInFamily\",\"keep\":1}}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("moreThanInFamily cannot be inside not");
  }

  private static Condition read(String json) throws Exception {
    return ConditionCodec.read(StrictJson.mapper().readTree(json), "plan");
  }

  @Test
  void aPlanOfACombinedRuleIsWrittenAndReadBackWithItsConditions() throws Exception {
    Image fresh =
        image("img-fresh", 400)
            .lastLaunched(daysAgo(1))
            .tags(Tags.of(Map.of("env", "dev")))
            .build();
    Condition when =
        Condition.anyOf(UNUSED_30, Condition.allOf(TEST_ENV, Condition.not(UNUSED_30)));
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .name("t")
            .rule("r", r -> r.when(when).then(Action.ARCHIVE))
            .build();
    Plan plan =
        LifecyclePlanner.builder()
            .build()
            .plan(Inventory.of(List.of(fresh), List.of()), policy, CLOCK);
    Path file = dir.resolve("plan.json");
    plan.write(file);
    Plan back = Plan.read(file);
    assertThat(back.actions()).hasSize(1);
    assertThat(back.actions().get(0).conditions()).containsExactly(when);
    assertThat(back.digest()).isEqualTo(plan.digest());
  }

  @Test
  void anAnyOfReasonNamesTheAlternativeThatHeldOnTheFullResourceWithItsTags() {
    Image fresh =
        image("img-fresh", 400)
            .lastLaunched(daysAgo(1))
            .tags(Tags.of(Map.of("env", "test")))
            .build();
    Image old = image("img-old", 400).tags(Tags.of(Map.of("env", "prod"))).build();
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .name("t")
            .rule("r", r -> r.when(Condition.anyOf(UNUSED_30, TEST_ENV)).then(Action.ARCHIVE))
            .build();
    Plan plan =
        LifecyclePlanner.builder()
            .build()
            .plan(Inventory.of(List.of(fresh, old), List.of()), policy, CLOCK);
    assertThat(plan.actions().stream().map(a -> a.resource() + ": " + a.reason()))
        .containsExactlyInAnyOrder(
            "img-fresh: tag env matches test|dev", "img-old: never launched, created 400 days ago");
  }

  @Test
  void eachMatchedRuleKeepsItsOwnReasonWhenAnEarlierRuleIsSkipped() {
    // The first rule is a no-op on a hot image (RESTORE to HOT), so the second one is planned,
    // with the second rule's reason.
    Image img = image("img-a", 400).tags(Tags.of(Map.of("env", "dev"))).build();
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .name("t")
            .rule("tag-rule", r -> r.when(TEST_ENV).then(Action.DEPRECATE))
            .rule("age-rule", r -> r.when(UNUSED_30).then(Action.ARCHIVE))
            .build();
    Plan plan =
        LifecyclePlanner.builder()
            .build()
            .plan(Inventory.of(List.of(img), List.of()), policy, CLOCK);
    assertThat(plan.actions()).hasSize(1);
    assertThat(plan.actions().get(0).rule()).isEqualTo("tag-rule");
    assertThat(plan.actions().get(0).reason()).isEqualTo("tag env matches test|dev");
  }
}
