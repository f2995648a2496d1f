package io.cloudimage.core.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a disk image's headers and tables say about it, read without reading its data.
 *
 * @param format the container format
 * @param subformat the variant, such as {@code dynamic} (VHD) or {@code streamOptimized} (VMDK), or
 *     {@code null}
 * @param virtualSize the size the guest sees, in bytes
 * @param fileSize the file's size in bytes
 * @param clusterSize the allocation unit (qcow2 cluster, VMDK grain, VHD/VHDX block), or {@code
 *     null} when the format has none
 * @param allocatedBytes how many bytes of the virtual disk this file stores (not counting a backing
 *     file), or {@code null} when unknown
 * @param backingFile the backing file as the image names it, or {@code null}
 * @param version the format version as the header states it, or {@code null}
 * @param features named feature flags that are set, in header order
 * @param encrypted whether the data is encrypted
 * @param compressed whether data clusters or grains are compressed
 * @param compression the compression wrapping the whole file ({@code gzip}, {@code xz}, {@code
 *     zstd}), or {@code null}
 * @param disks for an OVA, the OVF's disks; empty otherwise
 * @param manifest for an OVA, the manifest's digests by member name ({@code "SHA256:hex"}); empty
 *     otherwise
 */
public record Inspection(
    DiskFormat format,
    @Nullable String subformat,
    long virtualSize,
    long fileSize,
    @Nullable Long clusterSize,
    @Nullable Long allocatedBytes,
    @Nullable String backingFile,
    @Nullable String version,
    List<String> features,
    boolean encrypted,
    boolean compressed,
    @Nullable String compression,
    List<PackagedDisk> disks,
    Map<String, String> manifest) {

  /** Copies the collections. */
  public Inspection {
    features = List.copyOf(features);
    disks = List.copyOf(disks);
    manifest = Map.copyOf(new LinkedHashMap<>(manifest));
  }

  /**
   * A disk an OVF descriptor declares.
   *
   * @param id the OVF disk id
   * @param file the member that holds it, or {@code null} for a blank disk
   * @param format the OVF format URI's disk format ({@code vmdk}...), or {@code null}
   * @param capacity the capacity in bytes
   * @param fileSize the member's size in bytes, or {@code null} when not stated
   */
  public record PackagedDisk(
      String id,
      @Nullable String file,
      @Nullable String format,
      long capacity,
      @Nullable Long fileSize) {}

  /** A builder; set what the format knows, leave the rest. */
  public static Builder builder(DiskFormat format, long virtualSize, long fileSize) {
    return new Builder(format, virtualSize, fileSize);
  }

  /** The same inspection, as found inside a file compressed with {@code compression}. */
  public Inspection compressedWith(String compression, long compressedSize) {
    return new Inspection(
        format,
        subformat,
        virtualSize,
        compressedSize,
        clusterSize,
        allocatedBytes,
        backingFile,
        version,
        features,
        encrypted,
        compressed,
        compression,
        disks,
        manifest);
  }

  /**
   * The inspection as one JSON object, with the {@code inspect --json} field names: {@code format,
   * subformat, virtualSize, fileSize, clusterSize, allocatedBytes, backingFile, version, features,
   * encrypted, compressed, compression, disks, manifest}; absent values are {@code null}.
   */
  public String toJson() {
    StringBuilder b = new StringBuilder("{");
    field(b, "format", quote(format.id()));
    field(b, "subformat", quote(subformat));
    field(b, "virtualSize", String.valueOf(virtualSize));
    field(b, "fileSize", String.valueOf(fileSize));
    field(b, "clusterSize", String.valueOf(clusterSize));
    field(b, "allocatedBytes", String.valueOf(allocatedBytes));
    field(b, "backingFile", quote(backingFile));
    field(b, "version", quote(version));
    List<String> quoted = new ArrayList<>();
    features.forEach(f -> quoted.add(quote(f)));
    field(b, "features", "[" + String.join(",", quoted) + "]");
    field(b, "encrypted", String.valueOf(encrypted));
    field(b, "compressed", String.valueOf(compressed));
    field(b, "compression", quote(compression));
    List<String> ds = new ArrayList<>();
    for (PackagedDisk d : disks) {
      ds.add(
          "{\"id\":"
              + quote(d.id())
              + ",\"file\":"
              + quote(d.file())
              + ",\"format\":"
              + quote(d.format())
              + ",\"capacity\":"
              + d.capacity()
              + ",\"fileSize\":"
              + d.fileSize()
              + "}");
    }
    field(b, "disks", "[" + String.join(",", ds) + "]");
    List<String> ms = new ArrayList<>();
    manifest.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> ms.add(quote(e.getKey()) + ":" + quote(e.getValue())));
    b.append("\"manifest\":{").append(String.join(",", ms)).append("}}");
    return b.toString();
  }

  private static void field(StringBuilder b, String name, String value) {
    b.append('"').append(name).append("\":").append(value).append(',');
  }

  private static String quote(@Nullable String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** Collects an {@link Inspection}. */
  public static final class Builder {
    private final DiskFormat format;
    private final long virtualSize;
    private final long fileSize;
    private @Nullable String subformat;
    private @Nullable Long clusterSize;
    private @Nullable Long allocatedBytes;
    private @Nullable String backingFile;
    private @Nullable String version;
    private final List<String> features = new ArrayList<>();
    private boolean encrypted;
    private boolean compressed;
    private final List<PackagedDisk> disks = new ArrayList<>();
    private final Map<String, String> manifest = new LinkedHashMap<>();

    private Builder(DiskFormat format, long virtualSize, long fileSize) {
      this.format = Objects.requireNonNull(format);
      this.virtualSize = virtualSize;
      this.fileSize = fileSize;
    }

    public Builder subformat(@Nullable String value) {
      this.subformat = value;
      return this;
    }

    public Builder clusterSize(long value) {
      this.clusterSize = value;
      return this;
    }

    public Builder allocatedBytes(long value) {
      this.allocatedBytes = value;
      return this;
    }

    public Builder backingFile(@Nullable String value) {
      this.backingFile = value;
      return this;
    }

    public Builder version(@Nullable String value) {
      this.version = value;
      return this;
    }

    public Builder feature(String name) {
      features.add(name);
      return this;
    }

    public Builder encrypted(boolean value) {
      this.encrypted = value;
      return this;
    }

    public Builder compressed(boolean value) {
      this.compressed = value;
      return this;
    }

    public Builder disk(PackagedDisk disk) {
      disks.add(disk);
      return this;
    }

    public Builder manifest(String member, String digest) {
      manifest.put(member, digest);
      return this;
    }

    public Inspection build() {
      return new Inspection(
          format,
          subformat,
          virtualSize,
          fileSize,
          clusterSize,
          allocatedBytes,
          backingFile,
          version,
          features,
          encrypted,
          compressed,
          null,
          disks,
          manifest);
    }
  }
}
