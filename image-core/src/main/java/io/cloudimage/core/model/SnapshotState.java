package io.cloudimage.core.model;

/** Where a snapshot is in its life. */
public enum SnapshotState {
  PENDING,
  COMPLETED,
  ERROR,
  /** Being moved to or restored from a colder tier. */
  MOVING
}
