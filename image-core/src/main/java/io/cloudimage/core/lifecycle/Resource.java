package io.cloudimage.core.lifecycle;

import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageLayer;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.SnapshotState;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.model.Visibility;
import io.cloudimage.core.model.guest.DeviceBinding;
import io.cloudimage.core.pricing.BilledStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The facts about one image or snapshot that lifecycle rules look at, flattened so that the planner
 * can keep a million of them without keeping the whole model objects.
 *
 * @param kind image or snapshot
 * @param id the provider's own id
 * @param name the image name; the snapshot description for snapshots
 * @param created when it was created
 * @param lastUse when an image was last launched or a snapshot last read; {@code null} when never
 * @param deprecation when an image is or was deprecated; {@code null} when not (and for snapshots)
 * @param tierSince when it entered its current tier (its creation when unknown)
 * @param tier its storage tier
 * @param standardBytes the bytes a standard (non-archive) tier bills: an image's size, a snapshot's
 *     incremental size
 * @param fullBytes the bytes an archive tier bills: a full copy of the data
 * @param shared whether an image is shared with other accounts or public
 * @param inUse whether the provider saw an image in use (instances, launch templates, scaling
 *     groups)
 * @param deregistrationProtected whether an image has deregistration protection on
 * @param actionable whether the resource is in a state lifecycle actions may touch (an available or
 *     disabled image, a completed snapshot)
 * @param disabled whether an image is disabled
 * @param holdsStorage whether an image still holds its backing storage (so it competes in its
 *     family and keeps its snapshots)
 * @param tags its tags
 * @param family the family key the policy assigns, or {@code null}
 * @param accounts the accounts an image is shared with
 */
public record Resource(
    ResourceKind kind,
    String id,
    String name,
    Instant created,
    @Nullable Instant lastUse,
    @Nullable Instant deprecation,
    Instant tierSince,
    StorageTier tier,
    long standardBytes,
    long fullBytes,
    boolean shared,
    boolean inUse,
    boolean deregistrationProtected,
    boolean actionable,
    boolean disabled,
    boolean holdsStorage,
    Tags tags,
    @Nullable String family,
    List<String> accounts)
    implements BilledStorage {

  /** The facts of an image, its family assigned by {@code family}. */
  public static Resource of(Image image, FamilyKey family) {
    ImageState state = image.state();
    boolean shared =
        image.usage().sharing().isShared()
            || image.usage().visibility() == Visibility.PUBLIC
            || image.usage().visibility() == Visibility.SHARED;
    return new Resource(
        ResourceKind.IMAGE,
        image.nativeId(),
        image.name(),
        image.created(),
        image.usage().lastLaunched(),
        image.deprecation(),
        image.created(),
        image.storage().tier(),
        image.storage().sizeBytes(),
        image.storage().sizeBytes(),
        shared,
        image.usage().inUse(),
        image.usage().deregistrationProtected(),
        state == ImageState.AVAILABLE || state == ImageState.DISABLED,
        state == ImageState.DISABLED,
        state.holdsStorage(),
        image.tags(),
        family.of(image),
        sortedAccounts(image));
  }

  private static List<String> sortedAccounts(Image image) {
    java.util.Set<String> accounts = image.usage().sharing().accounts();
    return accounts.isEmpty() ? List.of() : accounts.stream().sorted().toList();
  }

  /** The facts of a snapshot. */
  public static Resource of(Snapshot s) {
    long standard =
        s.parentId() == null
            ? Math.max(s.fullSizeBytes(), s.incrementalSizeBytes())
            : s.incrementalSizeBytes();
    Instant since = s.tierChanged();
    return new Resource(
        ResourceKind.SNAPSHOT,
        s.id(),
        s.description(),
        s.created(),
        s.lastAccessed(),
        null,
        since == null ? s.created() : since,
        s.tier(),
        standard,
        Math.max(s.fullSizeBytes(), standard),
        false,
        false,
        false,
        s.state() == SnapshotState.COMPLETED,
        false,
        true,
        s.tags(),
        null,
        List.of());
  }

  /**
   * The snapshots an image holds: its device bindings' snapshots and its layers (layer ids are
   * snapshot ids on clouds).
   */
  public static List<String> backingSnapshots(Image image) {
    List<String> ids = new ArrayList<>();
    for (DeviceBinding d : image.guest().deviceBindings()) {
      String id = d.snapshotId();
      if (id != null) {
        ids.add(id);
      }
    }
    for (ImageLayer l : image.storage().layers()) {
      ids.add(l.id());
    }
    return ids;
  }

  /** The time of last use, or creation when never used: what "unused for" measures from. */
  public Instant lastUseOrCreated() {
    Instant t = lastUse;
    return t == null ? created : t;
  }

  /** The bytes billed in {@code tier}: a full copy in the archive tier, else the standard size. */
  @Override
  public long billedBytes(StorageTier in) {
    return in == StorageTier.ARCHIVE ? fullBytes : standardBytes;
  }

  /** These facts without tags and sharing detail, to keep in memory once rules have read them. */
  public Resource compact() {
    return compact(family);
  }

  /**
   * {@link #compact()} with {@code sharedFamily} (equal to this family) as the family, so that a
   * planner holding many members of a family keeps one string for its name.
   */
  public Resource compact(@Nullable String sharedFamily) {
    return new Resource(
        kind,
        id,
        "",
        created,
        lastUse,
        deprecation,
        tierSince,
        tier,
        standardBytes,
        fullBytes,
        shared,
        inUse,
        deregistrationProtected,
        actionable,
        disabled,
        holdsStorage,
        Tags.EMPTY,
        sharedFamily,
        accounts);
  }
}
