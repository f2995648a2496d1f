package io.cloudimage.bench.jmh.lifecycle;

import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Snapshot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Compares streaming-parsing an inventory of N items with planning it (parse included) under the
 * default policy plus a family rule. Run by {@code scripts/bench-lifecycle.sh} in {@code -Xmx512m};
 * prints the best of five timings of each (system property {@code rounds}) and the plan's digest,
 * to check that a faster planner plans the same.
 */
public final class PlanningVersusParsing {
  private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

  private PlanningVersusParsing() {}

  public static void main(String[] args) throws IOException {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path file = Files.createTempFile("inventory", ".json");
    try {
      write(file, items);
      Inventory inventory = Inventory.file(file);
      LifecyclePolicy policy =
          LifecyclePolicy.builder()
              .name("bench")
              .rule(
                  "prune",
                  r ->
                      r.when(
                              io.cloudimage.core.lifecycle.policy.Condition.moreThanInFamily(5),
                              io.cloudimage.core.lifecycle.policy.Condition.unusedFor(
                                  Duration.ofDays(60)))
                          .then(io.cloudimage.core.lifecycle.policy.Action.DEREGISTER))
              .rule(LifecyclePolicy.defaultPolicy().rules().get(0))
              .rule(LifecyclePolicy.defaultPolicy().rules().get(1))
              .build();
      LifecyclePlanner planner = LifecyclePlanner.builder().build();
      long parse = Long.MAX_VALUE;
      long plan = Long.MAX_VALUE;
      int actions = 0;
      String digest = "";
      int rounds = Integer.getInteger("rounds", 5);
      for (int round = 0; round < rounds; round++) {
        long t0 = System.nanoTime();
        long[] count = new long[1];
        inventory.forEach(
            new Inventory.Sink() {
              @Override
              public void image(Image image) {
                count[0]++;
              }

              @Override
              public void snapshot(Snapshot snapshot) {
                count[0]++;
              }
            });
        long t1 = System.nanoTime();
        Plan p = planner.plan(inventory, policy, Clock.fixed(NOW, ZoneOffset.UTC));
        long t2 = System.nanoTime();
        parse = Math.min(parse, t1 - t0);
        plan = Math.min(plan, t2 - t1);
        actions = p.actions().size();
        digest = p.digest();
        System.out.printf(
            "round %d: parse %d ms (%d items), plan %d ms (%d actions)%n",
            round, (t1 - t0) / 1_000_000, count[0], (t2 - t1) / 1_000_000, actions);
      }
      System.out.printf(
          "items=%d file=%d MB maxHeap=%d MB best parse=%d ms best plan=%d ms ratio=%.2f%n",
          items,
          Files.size(file) >> 20,
          Runtime.getRuntime().maxMemory() >> 20,
          parse / 1_000_000,
          plan / 1_000_000,
          (double) plan / parse);
      System.out.println("plan digest " + digest);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** 30% images in families of 20, 70% snapshots; a third of everything long unused. */
  private static void write(Path file, int items) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      int images = items * 3 / 10;
      w.write("{\"images\":[\n");
      for (int i = 0; i < images; i++) {
        Instant created = NOW.minus(Duration.ofDays(10 + i % 400));
        String launched = i % 3 == 0 ? "null" : "\"" + NOW.minus(Duration.ofDays(i % 20)) + "\"";
        w.write(
            (i == 0 ? "" : ",\n")
                + "{\"id\":\"img-"
                + i
                + "\",\"name\":\"web-"
                + i
                + "\",\"architecture\":\"x86_64\",\"os\":{\"family\":\"ubuntu\",\"version\":\"24.04\"},"
                + "\"created\":\""
                + created
                + "\",\"lastLaunched\":"
                + launched
                + ",\"sizeBytes\":"
                + (8L << 30)
                + ",\"tier\":\"HOT\",\"family\":\"f"
                + (i / 20)
                + "\",\"deviceBindings\":[{\"deviceName\":\"/dev/xvda\",\"snapshotId\":\"snap-img-"
                + i
                + "\"}]}");
      }
      w.write("],\n\"snapshots\":[\n");
      for (int i = images; i < items; i++) {
        Instant created = NOW.minus(Duration.ofDays(i % 500));
        w.write(
            (i == images ? "" : ",\n")
                + "{\"id\":\"snap-"
                + i
                + "\",\"created\":\""
                + created
                + "\",\"fullSizeBytes\":"
                + (8L << 30)
                + ",\"incrementalSizeBytes\":"
                + ((1L + i % 8) << 30)
                + ",\"parentId\":\"snap-0\",\"tier\":\"HOT\"}");
      }
      w.write("]}\n");
    }
  }
}
