package io.cloudimage.security.checksum;

import io.cloudimage.security.pgp.VerificationResult;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of checking a manifest.
 *
 * @param files one check per listed (or chosen) file, in manifest order
 * @param signature the manifest's signature check, or {@code null} when none was asked for
 */
public record ManifestReport(List<FileCheck> files, @Nullable VerificationResult signature) {
  public ManifestReport {
    files = List.copyOf(files);
  }

  /** Whether every file matched and the signature, if checked, holds. */
  public boolean ok() {
    return (signature == null || signature.valid())
        && files.stream().allMatch(f -> f.status() == FileCheck.Status.OK);
  }
}
