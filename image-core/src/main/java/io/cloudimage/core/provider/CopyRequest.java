package io.cloudimage.core.provider;

import org.jspecify.annotations.Nullable;

/**
 * Copy an image to another region or account, optionally re-encrypting it.
 *
 * @param sourceImageId the image to copy, in the provider's region
 * @param targetRegion the region to copy to (the provider's own region for a same-region copy)
 * @param name the copy's name
 * @param targetAccount the account to copy into, or {@code null} for the caller's
 * @param kmsKeyId the key to encrypt the copy with, or {@code null} to keep the source's setting
 */
public record CopyRequest(
    String sourceImageId,
    String targetRegion,
    String name,
    @Nullable String targetAccount,
    @Nullable String kmsKeyId) {
  /** A plain copy to another region. */
  public static CopyRequest toRegion(String sourceImageId, String targetRegion, String name) {
    return new CopyRequest(sourceImageId, targetRegion, name, null, null);
  }
}
