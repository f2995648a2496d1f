package io.cloudimage.core.model;

/** What is known about an image's publisher signature. */
public enum SignatureStatus {
  /** Nobody checked, or the provider does not say. */
  UNKNOWN,
  /** The image carries no signature. */
  UNSIGNED,
  /** A signature from a trusted key verified. */
  VALID,
  /** A signature is present and failed verification. */
  INVALID
}
