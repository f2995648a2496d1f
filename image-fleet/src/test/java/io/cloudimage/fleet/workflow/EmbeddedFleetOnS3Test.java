package io.cloudimage.fleet.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.testing.RequiredTools;
import io.cloudimage.fleet.ApprovalThresholds;
import io.cloudimage.fleet.Shard;
import io.cloudimage.fleet.blob.s3.EmulatedBucket;
import io.cloudimage.fleet.blob.s3.S3BlobStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored fleet run in process whose task pages, inventories, plans and report pages all go to a
 * bucket of the AWS emulator: nothing of the fleet stays in a local blob folder.
 */
class EmbeddedFleetOnS3Test {
  private static URI endpoint = URI.create("http://unset");

  @TempDir Path dir;

  @BeforeAll
  static void credentials() {
    endpoint = URI.create(RequiredTools.awsEndpoint());
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
  }

  @AfterAll
  static void forget() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  void aStoredRunKeepsItsPagesAndPlansInTheBucket() throws Exception {
    FleetFixture fixture = new FleetFixture(dir);
    List<Shard> shards = fixture.shards(2, List.of("lab-1"), 2);
    String bucket = EmulatedBucket.create(endpoint);
    try (S3BlobStore blobs =
        S3BlobStore.builder()
            .location(URI.create("s3://" + bucket + "/fleet"))
            .region("us-east-1")
            .endpoint(endpoint)
            .build()) {
      List<ShardTask> tasks = new ArrayList<>();
      for (Shard s : shards) {
        tasks.add(
            new ShardTask(
                "test", s, fixture.policy.toString(), 50, ApprovalThresholds.NONE, null, false, 5));
      }
      FleetRun stored = FleetRuns.store(new FleetRun("test", tasks, 2, Integer.MAX_VALUE), blobs);
      ShardActivitiesImpl activities =
          new ShardActivitiesImpl(
              blobs,
              fixture.journals,
              ProviderOpener.providers(),
              fixture.later,
              Duration.ofSeconds(5));

      FleetReport report;
      try (EmbeddedFleet engine = EmbeddedFleet.start(activities, blobs)) {
        report = engine.run(stored);
      }

      List<ShardReport> reports = FleetRuns.shardReports(report, blobs);
      assertThat(reports).extracting(ShardReport::shard).containsExactlyElementsOf(shards);
      assertThat(reports).allMatch(r -> r.status() == ShardStatus.PLANNED);
      List<String> keys = EmulatedBucket.keys(endpoint, bucket);
      assertThat(keys).allMatch(k -> k.startsWith("fleet/sha256/"));
      for (String page : stored.shardPages()) {
        assertThat(keys).contains("fleet/sha256/" + page);
      }
      for (String page : report.pages()) {
        assertThat(keys).contains("fleet/sha256/" + page);
      }
      for (ShardReport r : reports) {
        String plan = java.util.Objects.requireNonNull(r.plan());
        assertThat(keys).contains("fleet/sha256/" + plan);
        blobs.verify(plan);
        assertThat(Plan.read(blobs.get(plan)).actions()).hasSize(2);
      }
      // The blob folder of the fixture was never used.
      assertThat(dir.resolve("blobs")).doesNotExist();
    }
  }
}
