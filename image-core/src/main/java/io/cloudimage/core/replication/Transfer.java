package io.cloudimage.core.replication;

/** How the bytes of a copy moved. */
public enum Transfer {
  /** Nothing moved: the copy was already there. */
  NONE,
  /** The whole disk was copied. */
  FULL,
  /** A block delta against the destination's previous version of the family. */
  DELTA,
  /** The provider's own copy (a cloud's cross-region or cross-account copy). */
  PROVIDER_COPY
}
