package io.cloudimage.core.provider;

/**
 * How to deregister an image: whether the snapshots only it used go too.
 *
 * <pre>{@code
 * provider.deregister("ami-0abc", DeregisterOptions.DELETE_SNAPSHOTS);
 * }</pre>
 */
public enum DeregisterOptions {
  /** Keep the image's snapshots; they stay billed and can back a new registration. */
  KEEP_SNAPSHOTS,
  /** Delete the snapshots that back only this image, after the image is gone. */
  DELETE_SNAPSHOTS;

  /** Whether the snapshots go too. */
  public boolean deletesSnapshots() {
    return this == DELETE_SNAPSHOTS;
  }
}
