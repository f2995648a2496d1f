package io.cloudimage.aws;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who besides the owner may create volumes from an EBS snapshot (its {@code createVolumePermission}
 * attribute).
 *
 * @param accounts the 12-digit account ids
 * @param groups the groups; EC2 knows one, {@value #PUBLIC}, which makes the snapshot public
 */
public record SnapshotPermissions(Set<String> accounts, Set<String> groups) {
  /** The group that stands for every AWS account. */
  public static final String PUBLIC = "all";

  /** Shared with nobody. */
  public static final SnapshotPermissions NONE = new SnapshotPermissions(Set.of(), Set.of());

  /** Copies the sets, sorted. */
  public SnapshotPermissions {
    accounts = Set.copyOf(new TreeSet<>(accounts));
    groups = Set.copyOf(new TreeSet<>(groups));
  }

  /** Whether anyone besides the owner may create volumes from it. */
  public boolean isShared() {
    return !accounts.isEmpty() || !groups.isEmpty();
  }
}
