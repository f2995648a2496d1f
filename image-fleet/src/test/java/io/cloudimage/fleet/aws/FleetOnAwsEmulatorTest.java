package io.cloudimage.fleet.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.cloudimage.fleet.aws.EmulatedAccount.tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cloudimage.aws.AwsKeys;
import io.cloudimage.aws.AwsOptions;
import io.cloudimage.aws.AwsProviderFactory;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.provider.AssumedRole;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.core.provider.RetryPolicy;
import io.cloudimage.core.testing.RequiredTools;
import io.cloudimage.fleet.ApprovalThresholds;
import io.cloudimage.fleet.Fleet;
import io.cloudimage.fleet.FleetReader;
import io.cloudimage.fleet.Shard;
import io.cloudimage.fleet.workflow.BlobStore;
import io.cloudimage.fleet.workflow.EmbeddedFleet;
import io.cloudimage.fleet.workflow.FleetReport;
import io.cloudimage.fleet.workflow.FleetRun;
import io.cloudimage.fleet.workflow.FleetRuns;
import io.cloudimage.fleet.workflow.ProviderOpener;
import io.cloudimage.fleet.workflow.ShardActivitiesImpl;
import io.cloudimage.fleet.workflow.ShardReport;
import io.cloudimage.fleet.workflow.ShardStatus;
import io.cloudimage.fleet.workflow.ShardTask;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of two accounts × two regions in the AWS emulator, each account reached through STS
 * AssumeRole of the role the fleet file names, planned and applied in-process.
 */
class FleetOnAwsEmulatorTest {
  private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");

  @TempDir Path dir;

  /** What was seeded in one shard. */
  private record Seeded(String old1, String old2, String busy, String kept) {}

  @Test
  void oldVersionsGoInEveryShardWhileInUseAndKeptImagesStayAndEveryJournalVerifies()
      throws Exception {
    URI emulator = URI.create(RequiredTools.awsEndpoint());
    // The emulator has no Recycle Bin: a stub in front of it answers that no rule covers anything
    // (deletion is final) and passes every other call through.
    WireMockServer front = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    front.start();
    front.stubFor(
        any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(emulator.toString())));
    front.stubFor(
        post(urlPathEqualTo("/list-rules")).atPriority(1).willReturn(okJson("{\"Rules\":[]}")));
    URI endpoint = URI.create("http://127.0.0.1:" + front.port());
    List<String> accounts = List.of(freshAccount(), freshAccount());
    Map<String, Seeded> seeded = new HashMap<>();
    Map<String, EmulatedAccount> views = new HashMap<>();
    try {
      for (String account : accounts) {
        for (String region : REGIONS) {
          EmulatedAccount aws = new EmulatedAccount(endpoint, account, role(account), region);
          views.put(account + "/" + region, aws);
          String old1 = aws.image("app-2026.01");
          String old2 = aws.image("app-2026.02");
          String busy = aws.image("app-2026.03");
          aws.instance(busy);
          String kept = aws.image("app-2026.04", tag(LifecyclePolicy.KEEP_TAG, "audit"));
          seeded.put(account + "/" + region, new Seeded(old1, old2, busy, kept));
        }
      }
      Map<String, String> oldSnapshots = new HashMap<>();
      seeded.forEach(
          (key, s) -> {
            oldSnapshots.put(s.old1(), views.get(key).snapshotOf(s.old1()));
            oldSnapshots.put(s.old2(), views.get(key).snapshotOf(s.old2()));
          });

      Fleet fleet = FleetReader.read(fleetFile(endpoint, accounts));
      List<String> rolesSeen = java.util.Collections.synchronizedList(new ArrayList<>());
      BlobStore blobs = BlobStore.folder(dir.resolve("plans").resolve("blobs"));
      Path journals = dir.resolve("journals");
      // The images were made now; the plan and apply look 100 days ahead.
      Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(100));
      ShardActivitiesImpl activities =
          new ShardActivitiesImpl(
              blobs, journals, throughRoles(rolesSeen), later, Duration.ofSeconds(5));

      FleetRun planRun = FleetRuns.plan(fleet);
      FleetReport planned;
      FleetReport applied;
      try (EmbeddedFleet engine = EmbeddedFleet.start(activities)) {
        planned = engine.run(planRun);
        FleetRuns.writePlans(dir.resolve("plans"), planRun, planned, blobs);
        applied = engine.run(approved(FleetRuns.readApplyRun(dir.resolve("plans"))));
      }

      assertThat(planned.shards()).hasSize(4);
      assertThat(planned.shards())
          .allSatisfy(
              r -> {
                assertThat(r.status())
                    .as(r.shard().id() + " " + r.error())
                    .isEqualTo(ShardStatus.PLANNED);
                assertThat(r.actions()).as(r.shard().id()).isEqualTo(2);
                assertThat(r.skipped()).as("in use and kept, " + r.shard().id()).isEqualTo(2);
              });
      assertThat(applied.shards())
          .extracting(ShardReport::status)
          .containsOnly(ShardStatus.APPLIED);
      for (String account : accounts) {
        assertThat(rolesSeen).contains(role(account));
      }
      for (Shard shard : fleet.shards()) {
        String key = shard.account() + "/" + shard.region();
        Seeded s = Objects.requireNonNull(seeded.get(key));
        EmulatedAccount aws = Objects.requireNonNull(views.get(key));
        assertThat(aws.images()).as(key).containsExactlyInAnyOrder(s.busy(), s.kept());
        assertThat(aws.snapshots())
            .as(key)
            .doesNotContain(oldSnapshots.get(s.old1()), oldSnapshots.get(s.old2()));
        Path journal = ShardActivitiesImpl.journalOf(journals, shard);
        assertThat(Journal.verify(journal).valid()).as(key).isTrue();
      }
    } finally {
      views.values().forEach(EmulatedAccount::close);
      front.stop();
    }
  }

  /**
   * Opens each shard's provider as the role its configuration names, with the emulator's keys as
   * the caller's own, and records the roles used.
   */
  private static ProviderOpener throughRoles(List<String> rolesSeen) {
    return shard -> {
      ProviderConfig config =
          ProviderOpener.config(shard).toBuilder()
              .callTimeout(Duration.ofSeconds(30))
              .retryPolicy(
                  RetryPolicy.builder().maxAttempts(3).baseDelay(Duration.ofMillis(10)).build())
              .build();
      AssumedRole role = Objects.requireNonNull(config.role(), "the shard's role");
      rolesSeen.add(role.id());
      return AwsProviderFactory.open(
          config,
          AwsOptions.DEFAULTS
              .withCredentials(AwsKeys.of("testing", "testing"))
              .assumeRole(role.id(), role.externalId(), role.sessionName()));
    };
  }

  /** The apply run with every shard approved, as {@code fleet apply --yes} makes it. */
  private static FleetRun approved(FleetRun run) {
    List<ShardTask> tasks = new ArrayList<>();
    for (ShardTask t : run.shards()) {
      tasks.add(
          new ShardTask(
              t.fleet(),
              t.shard(),
              t.policy(),
              t.callsPerSecond(),
              ApprovalThresholds.NONE,
              t.plan(),
              true,
              t.heartbeatSeconds()));
    }
    return new FleetRun(run.fleet(), tasks, run.maxConcurrentShards(), run.maxFailedShards());
  }

  private Path fleetFile(URI endpoint, List<String> accounts) throws Exception {
    Files.writeString(
        dir.resolve("retire-old.yaml"),
        """
        name: retire-old
        rules:
          - name: deregister-old
            when: {olderThan: 60d}
            action: DEREGISTER
            withSnapshots: true
        """);
    StringBuilder yaml = new StringBuilder();
    yaml.append("name: emulated\nprovider: aws\nregions: [")
        .append(String.join(", ", REGIONS))
        .append("]\naccounts:\n");
    for (String a : accounts) {
      yaml.append("  - id: \"").append(a).append("\"\n    role: ").append(role(a)).append('\n');
    }
    yaml.append("endpoint: ").append(endpoint).append('\n');
    yaml.append("policy: retire-old.yaml\nmaxConcurrentShards: 4\ncallsPerSecondPerShard: 50\n");
    Path file = dir.resolve("fleet.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static String role(String account) {
    return "arn:aws:iam::" + account + ":role/cloudimage-lifecycle";
  }

  private static String freshAccount() {
    return String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
  }
}
