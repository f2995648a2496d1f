package io.cloudimage.core.lifecycle.plan;

import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.guest.DeviceBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Small images and snapshots for lifecycle tests. */
public final class Fixtures {
  public static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
  public static final long GIB = 1L << 30;

  private Fixtures() {}

  public static Instant daysAgo(long days) {
    return NOW.minus(Duration.ofDays(days));
  }

  /** An available, hot, 10 GiB image created {@code ageDays} ago and never launched. */
  public static Image.Builder image(String id, long ageDays) {
    return Image.builder()
        .id(new ImageId("local", "local", id))
        .name(id)
        .architecture(Architecture.X86_64)
        .os(OsFamily.UBUNTU, "24.04")
        .created(daysAgo(ageDays))
        .sizeBytes(10 * GIB)
        .tier(StorageTier.HOT);
  }

  /** The image backed by snapshot {@code snapshotId}. */
  public static Image.Builder backedBy(Image.Builder b, String snapshotId) {
    return b.deviceBindings(List.of(DeviceBinding.of("/dev/xvda", 10 * GIB, snapshotId)));
  }

  /** A completed, hot snapshot: full 10 GiB, {@code incrementalGib} GiB of its own. */
  public static Snapshot.Builder snapshot(String id, long ageDays, long incrementalGib) {
    return Snapshot.builder()
        .id(id)
        .provider("local")
        .region("local")
        .created(daysAgo(ageDays))
        .fullSizeBytes(10 * GIB)
        .incrementalSizeBytes(incrementalGib * GIB)
        .parentId(incrementalGib < 10 ? "snap-parent" : null)
        .tier(StorageTier.HOT);
  }
}
