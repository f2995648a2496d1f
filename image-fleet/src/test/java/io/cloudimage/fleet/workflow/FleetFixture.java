package io.cloudimage.fleet.workflow;

import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.journal.JournalRecord;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.ImportRequest;
import io.cloudimage.fleet.ApprovalThresholds;
import io.cloudimage.fleet.Shard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Local homes standing in for accounts × regions, each with a few images, and a policy that
 * deregisters images unused for 30 days; planning runs 90 days after the images were made.
 */
final class FleetFixture {
  static final String QUEUE = "fleet-test";

  final Path dir;
  final Path journals;
  final BlobStore blobs;
  final Path policy;

  /** The planner's and executor's clock: 90 days after the images were imported. */
  final Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(90));

  FleetFixture(Path dir) throws IOException {
    this.dir = dir;
    this.journals = dir.resolve("journals");
    this.blobs = BlobStore.folder(dir.resolve("blobs"));
    this.policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        """
        name: deregister-unused
        protectNewestOfFamily: false
        rules:
          - name: unused-30d
            when: {unusedFor: 30d}
            action: DEREGISTER
        """);
  }

  /** Shards account-1..n × the regions, each home seeded with {@code images} images. */
  List<Shard> shards(int accounts, List<String> regions, int images) throws IOException {
    List<Shard> shards = new ArrayList<>();
    int disk = 0;
    for (int a = 1; a <= accounts; a++) {
      for (String region : regions) {
        Path home = dir.resolve("homes").resolve("account-" + a).resolve(region);
        try (LocalProvider local = LocalProvider.builder().home(home).build()) {
          for (int i = 0; i < images; i++) {
            byte[] bytes = new byte[4096];
            Arrays.fill(bytes, (byte) (0x41 + disk % 26));
            Path file = dir.resolve("disk-" + disk++ + ".raw");
            Files.write(file, bytes);
            local.importImage(
                ImportRequest.of(
                    file, "img-" + i, OperatingSystem.parse("ubuntu:24.04"), Architecture.X86_64),
                ProgressListener.NONE,
                Cancellation.never());
          }
        }
        shards.add(new Shard("local", "account-" + a, null, region, null, home.toString(), null));
      }
    }
    return shards;
  }

  ShardActivitiesImpl activities(ProviderOpener opener) {
    return new ShardActivitiesImpl(blobs, journals, opener, later, Duration.ofSeconds(5));
  }

  ShardActivitiesImpl activities() {
    return activities(ProviderOpener.providers());
  }

  FleetRun run(List<Shard> shards, ApprovalThresholds approval, int concurrent, int maxFailed) {
    List<ShardTask> tasks = new ArrayList<>();
    for (Shard s : shards) {
      tasks.add(new ShardTask("test", s, policy.toString(), 50, approval, null, true, 5));
    }
    return new FleetRun("test", tasks, concurrent, maxFailed);
  }

  /** A plan-only run of {@code shards}. */
  FleetRun planRun(List<Shard> shards, int concurrent, int maxFailed) {
    List<ShardTask> tasks = new ArrayList<>();
    for (Shard s : shards) {
      tasks.add(
          new ShardTask("test", s, policy.toString(), 50, ApprovalThresholds.NONE, null, false, 5));
    }
    return new FleetRun("test", tasks, concurrent, maxFailed);
  }

  /** The real providers, counting how often each shard's is opened. */
  static ProviderOpener counting(Map<String, AtomicInteger> opens, ProviderOpener then) {
    return shard -> {
      opens.computeIfAbsent(shard.id(), k -> new AtomicInteger()).incrementAndGet();
      return then.open(shard);
    };
  }

  Path journal(Shard shard) {
    return ShardActivitiesImpl.journalOf(journals, shard);
  }

  /** How often the journal of {@code shard} records each operation as DONE. */
  Map<String, Integer> doneCounts(Shard shard) {
    Map<String, Integer> counts = new HashMap<>();
    Path j = journal(shard);
    if (!Files.isDirectory(j)) {
      return counts;
    }
    for (JournalRecord r : Journal.readRecords(j)) {
      String op = r.text("op");
      if ("DONE".equals(r.type()) && op != null) {
        counts.merge(op, 1, Integer::sum);
      }
    }
    return counts;
  }
}
