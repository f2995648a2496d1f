package io.cloudimage.core.pricing;

/** Whether storage can leave a tier for a hotter one. */
public enum TierExit {
  /** It can be restored or moved back (EBS Snapshots Archive: RestoreSnapshotTier). */
  RESTORABLE,
  /** Nothing moves back out of it (ECS archived snapshots stay archived until deleted). */
  ONE_WAY
}
