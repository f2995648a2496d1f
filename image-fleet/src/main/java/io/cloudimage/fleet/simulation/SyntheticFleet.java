package io.cloudimage.fleet.simulation;

import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.guest.DeviceBinding;
import io.cloudimage.fleet.ApprovalThresholds;
import io.cloudimage.fleet.Shard;
import io.cloudimage.fleet.workflow.FleetRun;
import io.cloudimage.fleet.workflow.ShardTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A fleet of synthetic accounts × regions whose inventories are generated from each shard's id: the
 * same shard always has the same images and snapshots, and nothing of them is stored. About 30% of
 * a shard's items are images in families of 20, a third of them never launched; the rest are
 * snapshots up to 500 days old. With 1,000 accounts × 30 regions and a mean of 334 items per shard
 * the fleet holds about ten million items.
 *
 * @param accounts how many accounts
 * @param regions how many regions, at most {@value #MAX_REGIONS}
 * @param meanItemsPerShard the mean number of images and snapshots per shard
 */
public record SyntheticFleet(int accounts, int regions, int meanItemsPerShard) {
  /** The provider name the shards carry. */
  public static final String PROVIDER = "synthetic";

  /** The most regions a synthetic fleet has. */
  public static final int MAX_REGIONS = 30;

  /** The instant the inventories are generated against, and the planner's clock. */
  public static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

  private static final List<String> REGIONS =
      List.of(
          "us-east-1",
          "us-east-2",
          "us-west-1",
          "us-west-2",
          "ca-central-1",
          "ca-west-1",
          "sa-east-1",
          "mx-central-1",
          "eu-west-1",
          "eu-west-2",
          "eu-west-3",
          "eu-central-1",
          "eu-central-2",
          "eu-north-1",
          "eu-south-1",
          "eu-south-2",
          "me-south-1",
          "me-central-1",
          "il-central-1",
          "af-south-1",
          "ap-east-1",
          "ap-south-1",
          "ap-south-2",
          "ap-southeast-1",
          "ap-southeast-2",
          "ap-southeast-3",
          "ap-southeast-4",
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-northeast-3");

  private static final OperatingSystem UBUNTU = OperatingSystem.parse("ubuntu:24.04");
  private static final long GIB = 1L << 30;

  public SyntheticFleet {
    if (accounts <= 0 || regions <= 0 || regions > MAX_REGIONS || meanItemsPerShard < 2) {
      throw new IllegalArgumentException(
          "a synthetic fleet needs accounts > 0, 1.." + MAX_REGIONS + " regions, 2+ items/shard");
    }
  }

  /** The fleet of the benchmark: 1,000 accounts × 30 regions, about ten million items. */
  public static SyntheticFleet tenMillion() {
    return new SyntheticFleet(1000, MAX_REGIONS, 334);
  }

  /** Every shard, account by account, region by region. */
  public List<Shard> shards() {
    List<Shard> shards = new ArrayList<>(accounts * regions);
    for (int a = 0; a < accounts; a++) {
      String account = String.format(Locale.ROOT, "%012d", 100_000_000_000L + a);
      for (int r = 0; r < regions; r++) {
        shards.add(new Shard(PROVIDER, account, null, REGIONS.get(r), null, null, null));
      }
    }
    return shards;
  }

  /** A plan-only run of every shard under the default policy. */
  public FleetRun planRun(int maxConcurrentShards, int shardsPerRun) {
    List<ShardTask> tasks = new ArrayList<>();
    for (Shard s : shards()) {
      tasks.add(
          new ShardTask("synthetic", s, "default", 5, ApprovalThresholds.NONE, null, false, 60));
    }
    return new FleetRun("synthetic", tasks, maxConcurrentShards, Integer.MAX_VALUE)
        .withShardsPerRun(shardsPerRun);
  }

  /** How many items the shard's inventory holds: from half to one and a half times the mean. */
  public int items(Shard shard) {
    return meanItemsPerShard / 2 + (int) (Math.floorMod(seed(shard), (long) meanItemsPerShard) + 1);
  }

  /** The items of the whole fleet. */
  public long items() {
    long n = 0;
    for (Shard s : shards()) {
      n += items(s);
    }
    return n;
  }

  /** The shard's inventory, generated as it is read. */
  public Inventory inventory(Shard shard) {
    int items = items(shard);
    long seed = seed(shard);
    String region = shard.region();
    return sink -> {
      SplittableRandom random = new SplittableRandom(seed);
      int images = items * 3 / 10;
      for (int i = 0; i < images; i++) {
        int age = 10 + random.nextInt(400);
        Instant created = NOW.minus(Duration.ofDays(age));
        Instant launched = i % 3 == 0 ? null : NOW.minus(Duration.ofDays(random.nextInt(age)));
        sink.image(
            Image.builder()
                .id(new ImageId(PROVIDER, region, String.format(Locale.ROOT, "ami-%08x", i)))
                .name("web-" + i)
                .owner(shard.account())
                .architecture(Architecture.X86_64)
                .os(UBUNTU)
                .created(created)
                .lastLaunched(launched)
                .sizeBytes(8 * GIB)
                .family("f" + i / 20)
                .deviceBindings(List.of(DeviceBinding.of("/dev/xvda", 8 * GIB, "snap-img-" + i)))
                .build());
      }
      for (int i = images; i < items; i++) {
        sink.snapshot(
            Snapshot.builder()
                .id(String.format(Locale.ROOT, "snap-%08x", i))
                .provider(PROVIDER)
                .region(region)
                .created(NOW.minus(Duration.ofDays(random.nextInt(500))))
                .volumeSizeBytes(8 * GIB)
                .fullSizeBytes(8 * GIB)
                .incrementalSizeBytes((1L + random.nextInt(8)) * GIB)
                .build());
      }
    };
  }

  private static long seed(Shard shard) {
    // A 64-bit mix of the id's 32-bit hash (String.hashCode is specified, so stable everywhere).
    long z = shard.id().hashCode() * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
