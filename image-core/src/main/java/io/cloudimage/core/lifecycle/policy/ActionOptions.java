package io.cloudimage.core.lifecycle.policy;

import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The details an action needs beyond its name.
 *
 * @param tier the target tier of {@link Action#MOVE_TIER} and {@link Action#RESTORE}, else {@code
 *     null}
 * @param withSnapshots whether {@link Action#DEREGISTER} also deletes the snapshots only that image
 *     used
 * @param tags the tags {@link Action#TAG} adds
 * @param targetRegion the region {@link Action#COPY} copies to, else {@code null}
 * @param accounts the accounts {@link Action#UNSHARE} removes; empty means every account
 */
public record ActionOptions(
    @Nullable StorageTier tier,
    boolean withSnapshots,
    Tags tags,
    @Nullable String targetRegion,
    Set<String> accounts) {
  /** No details. */
  public static final ActionOptions NONE =
      new ActionOptions(null, true, Tags.EMPTY, null, Set.of());

  public ActionOptions {
    accounts = Set.copyOf(new TreeSet<>(accounts));
  }

  /** These options with a target tier. */
  public ActionOptions withTier(@Nullable StorageTier tier) {
    return new ActionOptions(tier, withSnapshots, tags, targetRegion, accounts);
  }

  /** These options where {@link Action#DEREGISTER} also deletes the image's own snapshots. */
  public ActionOptions deletingSnapshots() {
    return new ActionOptions(tier, true, tags, targetRegion, accounts);
  }

  /** These options where {@link Action#DEREGISTER} keeps the image's snapshots. */
  public ActionOptions keepingSnapshots() {
    return new ActionOptions(tier, false, tags, targetRegion, accounts);
  }

  /** These options with tags to add. */
  public ActionOptions withTags(Tags tags) {
    return new ActionOptions(tier, withSnapshots, tags, targetRegion, accounts);
  }

  /** These options with a copy target region. */
  public ActionOptions withTargetRegion(@Nullable String region) {
    return new ActionOptions(tier, withSnapshots, tags, region, accounts);
  }

  /** These options with accounts to unshare from. */
  public ActionOptions withAccounts(Set<String> accounts) {
    return new ActionOptions(tier, withSnapshots, tags, targetRegion, accounts);
  }
}
