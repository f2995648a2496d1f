package io.cloudimage.fleet.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.fleet.ApprovalThresholds;
import io.cloudimage.fleet.Shard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process engine runs stored runs (task and report pages in the blob store) too. */
class EmbeddedStoredRunTest {
  @TempDir Path dir;

  @Test
  void aStoredRunRunsInProcessAndItsReportsComeBackFromTheBlobStore() throws Exception {
    FleetFixture fixture = new FleetFixture(dir);
    List<Shard> shards = fixture.shards(2, List.of("lab-1", "lab-2"), 2);
    List<ShardTask> tasks = new ArrayList<>();
    for (Shard s : shards) {
      tasks.add(
          new ShardTask(
              "test", s, fixture.policy.toString(), 50, ApprovalThresholds.NONE, null, false, 5));
    }
    FleetRun stored =
        FleetRuns.store(new FleetRun("test", tasks, 2, Integer.MAX_VALUE), fixture.blobs)
            .withShardsPerRun(3);

    FleetReport report;
    try (EmbeddedFleet engine = EmbeddedFleet.start(fixture.activities(), fixture.blobs)) {
      report = engine.run(stored);
    }

    assertThat(stored.shards()).isEmpty();
    List<ShardReport> reports = FleetRuns.shardReports(report, fixture.blobs);
    assertThat(reports).extracting(ShardReport::shard).containsExactlyElementsOf(shards);
    assertThat(reports).allMatch(r -> r.status() == ShardStatus.PLANNED);
    assertThat(report.actions()).isEqualTo(2L * shards.size());
  }
}
