package io.cloudimage.aws;

import static io.cloudimage.aws.Emulator.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.execute.ApplyResult;
import io.cloudimage.core.lifecycle.execute.PlanExecutor;
import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.plan.PlannedAction;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.pricing.PriceBook;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real lifecycle plan, made and applied by the executor against the emulator. */
class AwsLifecycleTest {
  @TempDir Path dir;

  @Test
  void oldImagesGoWithTheirSnapshotsWhileInUseAndKeepTaggedOnesStayAndTheJournalVerifies() {
    try (Emulator aws = Emulator.fresh();
        ImageProvider provider = AwsProviderFactory.open(aws.config(), aws.options)) {
      String old = aws.image("app-2026.01");
      String busy = aws.image("app-2026.02");
      String kept = aws.image("app-2026.03", tag(LifecyclePolicy.KEEP_TAG, "audit"));
      aws.instance(busy);
      String oldSnapshot = provider.describe(old).guest().deviceBindings().get(0).snapshotId();
      // Creation times are now; the plan looks 100 days ahead.
      Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(100));
      LifecyclePolicy policy =
          LifecyclePolicy.builder()
              .name("retire-old")
              .rule(
                  "deregister-old",
                  r ->
                      r.when(Condition.olderThan(Duration.ofDays(60)))
                          .then(Action.DEREGISTER)
                          .withSnapshots())
              .build();

      Plan plan =
          LifecyclePlanner.builder()
              .prices(PriceBook.defaults().prices("aws", "us-east-1").tiers())
              .build()
              .plan(Inventory.of(provider), policy, later);

      assertThat(plan.actions())
          .extracting(PlannedAction::resource, PlannedAction::action)
          .containsExactly(tuple(old, Action.DEREGISTER));

      ApplyResult applied =
          PlanExecutor.builder()
              .provider(provider)
              .journal(dir.resolve("journal"))
              .clock(later)
              .build()
              .apply(plan);

      assertThat(applied.complete()).isTrue();
      assertThat(provider.images().map(Image::nativeId)).containsExactlyInAnyOrder(busy, kept);
      assertThat(provider.snapshots().map(Snapshot::id)).doesNotContain(oldSnapshot);
      assertThat(Journal.verify(dir.resolve("journal")).valid()).isTrue();
    }
  }
}
