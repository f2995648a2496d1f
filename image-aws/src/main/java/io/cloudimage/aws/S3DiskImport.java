package io.cloudimage.aws;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Architecture;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A disk image already in S3 that VM Import/Export turns into an image (ImportImage) or an EBS
 * snapshot (ImportSnapshot), through the account's {@code vmimport} service role.
 *
 * <pre>{@code
 * Image image = driver.importImage(
 *     S3DiskImport.of(URI.create("s3://my-import-bucket/vms/web.vmdk"), "vmdk")
 *         .withDescription("web server, from the lab")
 *         .withKmsKey("alias/images"),
 *     operation);
 * }</pre>
 *
 * @param bucket the S3 bucket
 * @param key the object key of the disk image
 * @param format the disk format: {@code ova}, {@code vhd}, {@code vhdx}, {@code vmdk} or {@code
 *     raw} (ImportSnapshot takes all but {@code ova})
 * @param description a description of the import and its result; may be empty
 * @param kmsKeyId the KMS key that encrypts the result, or {@code null} for the account's default
 *     encryption
 * @param architecture the image's instruction set (ImportImage only)
 */
public record S3DiskImport(
    String bucket,
    String key,
    String format,
    String description,
    @Nullable String kmsKeyId,
    Architecture architecture) {
  private static final Set<String> FORMATS = Set.of("ova", "vhd", "vhdx", "vmdk", "raw");

  /**
   * Checks the location and the format.
   *
   * @throws InvalidInputException naming the field that is wrong
   */
  public S3DiskImport {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(architecture, "architecture");
    if (bucket.isBlank() || key.isBlank()) {
      throw new InvalidInputException("an S3 disk import needs a bucket and a key");
    }
    format = format.toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      throw new InvalidInputException(
          "VM Import takes ova, vhd, vhdx, vmdk or raw disks, not '" + format + "'");
    }
    if (kmsKeyId != null && kmsKeyId.isBlank()) {
      kmsKeyId = null;
    }
  }

  /**
   * A disk at {@code s3://BUCKET/KEY}, x86_64, no description, default encryption.
   *
   * @throws InvalidInputException when the location is not an s3:// URI with a key
   */
  public static S3DiskImport of(URI location, String format) {
    String path = location.getPath() == null ? "" : location.getPath().replaceFirst("^/", "");
    if (!"s3".equals(location.getScheme()) || location.getHost() == null || path.isEmpty()) {
      throw new InvalidInputException(
          "a disk to import is given as s3://BUCKET/KEY, not " + location);
    }
    return new S3DiskImport(location.getHost(), path, format, "", null, Architecture.X86_64);
  }

  /** This import with a description. */
  public S3DiskImport withDescription(String text) {
    return new S3DiskImport(bucket, key, format, text, kmsKeyId, architecture);
  }

  /** This import encrypted with a KMS key. */
  public S3DiskImport withKmsKey(@Nullable String key) {
    return new S3DiskImport(bucket, this.key, format, description, key, architecture);
  }

  /** This import with another architecture. */
  public S3DiskImport withArchitecture(Architecture arch) {
    return new S3DiskImport(bucket, key, format, description, kmsKeyId, arch);
  }

  /** The {@code s3://} location. */
  public URI location() {
    return URI.create("s3://" + bucket + "/" + key);
  }
}
