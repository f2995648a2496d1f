package io.cloudimage.examples;

import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import io.cloudimage.core.lifecycle.plan.LifecycleReport;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.guest.DeviceBinding;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.StorageCost;
import io.cloudimage.core.pricing.TierPrices;
import io.cloudimage.core.pricing.TierProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's cost-runaway case: images and snapshots nobody deleted cost an e-commerce company
 * about $25,000 a month. Builds such an inventory with AWS-like USD prices, plans it with the
 * shipped default policy and with a clean-up policy, and prints what each saves. See {@code
 * docs/lifecycle.md} for the arithmetic.
 */
public final class CostRunaway {
  static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
  static final long GIB = 1L << 30;

  private CostRunaway() {}

  /**
   * EBS-like prices: snapshot standard $0.05, archive $0.0125 with 90 days and $0.03/GB restore.
   */
  static TierPrices usdPrices() {
    Map<StorageTier, TierProfile> m = new EnumMap<>(StorageTier.class);
    m.put(StorageTier.HOT, tier(StorageTier.HOT, "0.05", 0, "0"));
    m.put(StorageTier.WARM, tier(StorageTier.WARM, "0.04", 0, "0"));
    m.put(StorageTier.COLD, tier(StorageTier.COLD, "0.025", 30, "0.01"));
    m.put(StorageTier.ARCHIVE, tier(StorageTier.ARCHIVE, "0.0125", 90, "0.03"));
    return TierPrices.of("aws", "us-east-1", m);
  }

  private static TierProfile tier(StorageTier t, String price, int minDays, String restore) {
    Money p = Money.of(price, "USD");
    return new TierProfile(
        t,
        3000,
        Duration.ZERO,
        Duration.ofMillis(1),
        p,
        p,
        Duration.ofDays(minDays),
        Duration.ZERO,
        Money.of(restore, "USD"));
  }

  /**
   * 400 families of 10 weekly image versions (100 GiB each), the newest 40 launched last week, plus
   * 2,000 orphaned incremental snapshots (50 GiB of own data, 200 GiB full) from volumes long gone.
   */
  static Inventory inventory() {
    List<Image> images = new ArrayList<>();
    List<Snapshot> snapshots = new ArrayList<>();
    for (int f = 0; f < 400; f++) {
      for (int v = 0; v < 10; v++) {
        String id = String.format("ami-%04d%02d", f, v);
        Instant created = NOW.minus(Duration.ofDays(7L * (10 - v) + 30));
        Image.Builder b =
            Image.builder()
                .id(new ImageId("aws", "us-east-1", id))
                .name("shop-" + f + "-v" + v)
                .family("shop-" + f)
                .architecture(Architecture.X86_64)
                .os(OsFamily.AMAZON_LINUX, "2023")
                .created(created)
                .sizeBytes(100 * GIB)
                .deviceBindings(List.of(DeviceBinding.of("/dev/xvda", 100 * GIB, "snap-" + id)));
        if (v == 9 && f % 10 == 0) {
          b.lastLaunched(NOW.minus(Duration.ofDays(3))).inUse(true);
        }
        images.add(b.build());
      }
    }
    for (int s = 0; s < 2000; s++) {
      snapshots.add(
          Snapshot.builder()
              .id(String.format("snap-orphan-%05d", s))
              .provider("aws")
              .region("us-east-1")
              .created(NOW.minus(Duration.ofDays(200 + s % 300)))
              .volumeSizeBytes(200 * GIB)
              .fullSizeBytes(200 * GIB)
              .incrementalSizeBytes(50 * GIB)
              .parentId("snap-base")
              .build());
    }
    return Inventory.of(images, snapshots);
  }

  public static void main(String[] args) {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    LifecyclePlanner planner = LifecyclePlanner.builder().prices(usdPrices()).build();
    LifecycleReport before =
        LifecycleReport.of(inventory(), StorageCost.of(usdPrices()), List.of(), clock);
    System.out.printf(
        "storage now: %s a month, %d images, %d snapshots, reuse %.0f%%%n",
        before.monthlyCost(), before.images(), before.snapshots(), before.reuseRate() * 100);

    Plan defaults = planner.plan(inventory(), LifecyclePolicy.defaultPolicy(), clock);
    print("default policy", defaults, before.monthlyCost());

    LifecyclePolicy cleanup =
        LifecyclePolicy.builder()
            .name("cleanup")
            .rule(
                "deregister-superseded",
                r ->
                    r.when(Condition.moreThanInFamily(2), Condition.unusedFor(Duration.ofDays(30)))
                        .then(Action.DEREGISTER))
            .rule(
                "delete-orphans",
                r ->
                    r.when(Condition.notAccessedFor(Duration.ofDays(180)))
                        .then(Action.DELETE_SNAPSHOT))
            .rule(
                "archive-unused",
                r -> r.when(Condition.unusedFor(Duration.ofDays(30))).then(Action.ARCHIVE))
            .build();
    print("clean-up policy", planner.plan(inventory(), cleanup, clock), before.monthlyCost());
  }

  private static void print(String title, Plan plan, Money total) {
    long archives = plan.actions().stream().filter(a -> a.action() == Action.ARCHIVE).count();
    System.out.printf(
        "%s: %d actions (%d archives), %d skipped, saves %s a month = %.1f%%%n",
        title,
        plan.actions().size(),
        archives,
        plan.skipped().size(),
        plan.monthlySaving().rounded(),
        plan.monthlySaving().amount().doubleValue() / total.amount().doubleValue() * 100);
  }
}
