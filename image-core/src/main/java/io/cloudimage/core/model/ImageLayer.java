package io.cloudimage.core.model;

import io.cloudimage.core.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * One layer of an image's storage: a full base layer, or an incremental layer on its parent.
 *
 * @param id the layer's id (a snapshot id on clouds)
 * @param kind full or incremental
 * @param parentId the layer it builds on; {@code null} for a full layer, required otherwise
 * @param digest the content digest, such as {@code sha256:…}, or empty when unknown
 * @param sizeBytes the bytes this layer itself stores
 * @param tier where the layer is stored
 */
public record ImageLayer(
    String id,
    Kind kind,
    @Nullable String parentId,
    String digest,
    long sizeBytes,
    StorageTier tier) {
  /** Whether a layer stands alone or stores only changes. */
  public enum Kind {
    FULL,
    INCREMENTAL
  }

  public ImageLayer {
    Checks.nonBlank(id, "ImageLayer.id");
    Checks.required(kind, "ImageLayer.kind");
    Checks.required(digest, "ImageLayer.digest");
    Checks.nonNegative(sizeBytes, "ImageLayer.sizeBytes");
    Checks.required(tier, "ImageLayer.tier");
    if (kind == Kind.INCREMENTAL && parentId == null) {
      throw new InvalidInputException(
          "ImageLayer.parentId is required for incremental layer " + id);
    }
    if (kind == Kind.FULL && parentId != null) {
      throw new InvalidInputException("ImageLayer.parentId must be absent for full layer " + id);
    }
  }
}
