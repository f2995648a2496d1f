package io.cloudimage.core.model;

/** Where an image is in its life on the provider. */
public enum ImageState {
  /** Being created, copied or imported; not launchable yet. */
  PENDING,
  /** Launchable. */
  AVAILABLE,
  /** Disabled: hidden from launches but still holding its snapshots. */
  DISABLED,
  /** Deregistration requested and not finished; its snapshots are still held. */
  DEREGISTERING,
  /** Gone from the provider (kept only in journals and reports). */
  DEREGISTERED,
  /** Creation failed. */
  FAILED,
  /** The provider's record of the image cannot be read; the reason is in the description. */
  BROKEN;

  /** Whether the image still holds its backing snapshots or disk file. */
  public boolean holdsStorage() {
    return this != DEREGISTERED && this != FAILED;
  }
}
