package io.cloudimage.aliyun;

import io.cloudimage.core.error.InvalidInputException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One disk of an ImportImage: an object in OSS (same region as the image) holding the disk, its
 * format and the device it becomes.
 *
 * @param bucket the OSS bucket
 * @param object the object key inside the bucket
 * @param format {@code raw}, {@code vhd}, {@code qcow2} or {@code vmdk}
 * @param device the device the disk becomes ({@code /dev/xvda} for the system disk, {@code
 *     /dev/xvdb}… for data disks)
 * @param sizeGib the disk's size in GiB once imported; 0 lets the service use the image's own size
 */
public record OssDisk(String bucket, String object, String format, String device, int sizeGib) {
  /** The formats ImportImage reads. */
  public static final Set<String> FORMATS = Set.of("raw", "vhd", "qcow2", "vmdk");

  // OSS bucket names: 3-63 lower-case letters, digits and hyphens, not starting or ending with one.
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
  private static final Pattern DEVICE = Pattern.compile("/dev/xvd[a-z]");

  public OssDisk {
    if (!BUCKET.matcher(bucket).matches()) {
      throw new InvalidInputException(
          "'"
              + bucket
              + "' is not an OSS bucket name (3-63 lower-case letters, digits and hyphens)");
    }
    if (object.isBlank() || object.startsWith("/")) {
      throw new InvalidInputException(
          "the OSS object key '" + object + "' must be a non-empty key without a leading /");
    }
    format = format.toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      throw new InvalidInputException(
          "ImportImage reads "
              + String.join(", ", new TreeSet<>(FORMATS))
              + ", not '"
              + format
              + "'");
    }
    if (!DEVICE.matcher(device).matches()) {
      throw new InvalidInputException(
          "'" + device + "' is not an ECS device name (/dev/xvda, /dev/xvdb, …)");
    }
    if (sizeGib < 0) {
      throw new InvalidInputException("the disk size of " + object + " must not be negative");
    }
  }

  /**
   * The system disk at {@code oss://bucket/key}.
   *
   * @throws InvalidInputException when the URI is not {@code oss://bucket/key}
   */
  public static OssDisk systemDisk(URI location, String format) {
    return at(location, format, "/dev/xvda");
  }

  /** A disk at {@code oss://bucket/key} that becomes {@code device}. */
  public static OssDisk at(URI location, String format, String device) {
    String host = location.getHost();
    String path = location.getPath();
    if (!"oss".equals(location.getScheme()) || host == null || path == null || path.length() < 2) {
      throw new InvalidInputException(
          "an ImportImage disk is an OSS object: use oss://bucket/key, not " + location);
    }
    return new OssDisk(host, path.substring(1), format, device, 0);
  }

  /** The disk's location, {@code oss://bucket/key}. */
  public URI location() {
    return URI.create("oss://" + bucket + "/" + object);
  }
}
