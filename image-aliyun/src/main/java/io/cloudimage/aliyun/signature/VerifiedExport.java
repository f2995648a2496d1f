package io.cloudimage.aliyun.signature;

import java.util.List;

/**
 * An export whose signature and digests {@link ExportSigning#check} accepted.
 *
 * @param manifest the signed manifest
 * @param keyFingerprint the key that made the valid signature
 * @param checked the objects whose digests matched the manifest
 */
public record VerifiedExport(
    ExportManifest manifest, String keyFingerprint, List<ExportedObject> checked) {
  public VerifiedExport {
    checked = List.copyOf(checked);
  }
}
