package io.cloudimage.fleet.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.fleet.Shard;
import io.cloudimage.fleet.workflow.BlobStore;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet benchmark's harness on a small synthetic fleet: the workflows plan exactly what the
 * planner alone plans, and the measures add up. The speed is measured by {@code
 * scripts/bench-fleet.sh}, not here.
 */
class FleetSimulationTest {
  @TempDir Path dir;

  @Test
  void theTenMillionFleetHoldsAboutTenMillionItemsGeneratedTheSameEveryTime() {
    SyntheticFleet fleet = SyntheticFleet.tenMillion();
    assertThat(fleet.shards()).hasSize(30_000).doesNotHaveDuplicates();
    assertThat(fleet.items()).isBetween(9_500_000L, 10_500_000L);

    Shard shard = fleet.shards().get(12_345);
    LifecyclePlanner planner = LifecyclePlanner.builder().build();
    Clock clock = Clock.fixed(SyntheticFleet.NOW, ZoneOffset.UTC);
    String once =
        planner.plan(fleet.inventory(shard), LifecyclePolicy.defaultPolicy(), clock).digest();
    String again =
        planner.plan(fleet.inventory(shard), LifecyclePolicy.defaultPolicy(), clock).digest();
    assertThat(again).isEqualTo(once);
    int[] counted = new int[1];
    fleet
        .inventory(shard)
        .forEach(
            new io.cloudimage.core.lifecycle.Inventory.Sink() {
              @Override
              public void image(io.cloudimage.core.model.Image image) {
                counted[0]++;
              }

              @Override
              public void snapshot(io.cloudimage.core.model.Snapshot snapshot) {
                counted[0]++;
              }
            });
    assertThat(counted[0]).isEqualTo(fleet.items(shard));
  }

  @Test
  void twoWorkersPlanAScaledDownFleetAsThePlannerAloneDoes() {
    SyntheticFleet fleet = new SyntheticFleet(3, 30, 334);
    BlobStore blobs = BlobStore.folder(dir.resolve("blobs"));
    Measure direct = FleetSimulation.planDirectly(fleet);
    Measure workflows;
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      FleetSimulation.register(env.getWorkerFactory(), "sim", fleet, blobs);
      WorkerFactory second = WorkerFactory.newInstance(env.getWorkflowClient());
      FleetSimulation.register(second, "sim", fleet, blobs);
      env.start();
      second.start();
      workflows =
          FleetSimulation.planThroughWorkflows(
              env.getWorkflowClient(), "sim", fleet, blobs, 16, 40, 8);
      second.shutdown();
    }

    assertThat(workflows.shards()).isEqualTo(90);
    assertThat(workflows.items()).isEqualTo(direct.items()).isEqualTo(fleet.items());
    assertThat(workflows.actions()).isEqualTo(direct.actions()).isPositive();
    assertThat(workflows.monthlySaving()).isEqualByComparingTo(direct.monthlySaving());
    // 90 shards, 40 per run.
    assertThat(workflows.runs()).isEqualTo(3);
    // 40 shards per run in batches of 8: about one event per shard, where a shard workflow each
    // cost over three.
    assertThat(workflows.eventsPerShard()).isPositive().isLessThan(2);
    assertThat(workflows.line()).contains("90 shards");
  }
}
