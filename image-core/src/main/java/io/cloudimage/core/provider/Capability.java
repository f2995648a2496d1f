package io.cloudimage.core.provider;

/** One thing a provider may be able to do; see {@link Capabilities}. */
public enum Capability {
  LIST_IMAGES,
  LIST_SNAPSHOTS,
  CREATE_IMAGE,
  COPY_IMAGE,
  COPY_CROSS_ACCOUNT,
  REENCRYPT,
  DEPRECATE,
  DISABLE,
  DEREGISTRATION_PROTECTION,
  DEREGISTER,
  DELETE_SNAPSHOT,
  TAG,
  SHARE,
  MOVE_TIER,
  RESTORE_TIER,
  EXPORT,
  IMPORT,
  IN_USE,
  LAUNCH,
  RECYCLE_BIN,
  ERASE,
  BLOCK_READ
}
