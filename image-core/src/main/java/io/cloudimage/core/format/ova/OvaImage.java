package io.cloudimage.core.format.ova;

import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Inspection;
import io.cloudimage.core.format.Inspection.PackagedDisk;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.internal.ImageFile;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens and inspects OVA packages. The members are read in place through their offsets in the tar,
 * never extracted; opening an OVA gives its first disk.
 */
public final class OvaImage {
  private static final String FORMAT = TarIndex.FORMAT;
  private static final Pattern MANIFEST_LINE =
      Pattern.compile("^(SHA1|SHA256|SHA512)\\s*\\((.+)\\)\\s*=\\s*([0-9A-Fa-f]+)\\s*$");

  private OvaImage() {}

  /**
   * Opens the first disk that the OVF declares; {@code openMember} opens the member's bytes as a
   * disk of whatever format they are. The disk owns {@code file}.
   *
   * @throws io.cloudimage.core.error.CorruptDataException when the tar, the OVF or the disk is
   *     damaged, or a member is a link or escapes the package
   */
  public static VirtualDisk open(ImageFile file, Function<ImageFile, VirtualDisk> openMember) {
    TarIndex tar = new TarIndex(file);
    OvfDescriptor ovf = descriptor(file, tar);
    for (PackagedDisk d : ovf.disks) {
      if (d.file() != null) {
        TarIndex.Member m = member(file, tar, d.file());
        VirtualDisk disk = openMember.apply(file.slice(m.dataOffset(), m.size()));
        return new PackagedVirtualDisk(disk, file);
      }
    }
    throw file.corrupt(FORMAT, 0, "the OVF declares no disk backed by a file");
  }

  /** Lists the OVF's disks and the manifest's digests, and inspects the first disk. */
  public static Inspection inspect(ImageFile file, Function<ImageFile, Inspection> inspectMember) {
    TarIndex tar = new TarIndex(file);
    OvfDescriptor ovf = descriptor(file, tar);
    long virtualSize = 0;
    Inspection first = null;
    for (PackagedDisk d : ovf.disks) {
      if (d.file() != null && first == null) {
        TarIndex.Member m = member(file, tar, d.file());
        first = inspectMember.apply(file.slice(m.dataOffset(), m.size()));
        virtualSize = first.virtualSize();
      }
    }
    Inspection.Builder b = Inspection.builder(DiskFormat.OVA, virtualSize, file.size());
    if (first != null) {
      b.subformat(first.format().id()).compressed(first.compressed());
      if (first.clusterSize() != null) {
        b.clusterSize(first.clusterSize());
      }
      if (first.allocatedBytes() != null) {
        b.allocatedBytes(first.allocatedBytes());
      }
    }
    ovf.disks.forEach(b::disk);
    for (TarIndex.Member m : tar.members) {
      if (m.name().toLowerCase(Locale.ROOT).endsWith(".mf")) {
        readManifest(file, m, b);
      }
    }
    return b.build();
  }

  private static OvfDescriptor descriptor(ImageFile file, TarIndex tar) {
    if (tar.members.isEmpty()) {
      throw file.corrupt(FORMAT, 0, "the archive holds no files");
    }
    TarIndex.Member first = tar.members.get(0);
    if (!first.name().toLowerCase(Locale.ROOT).endsWith(".ovf")) {
      throw file.corrupt(
          FORMAT,
          0,
          "the first member '"
              + first.name()
              + "' is not the OVF descriptor, which must come first");
    }
    return new OvfDescriptor(file, first.dataOffset(), first.size());
  }

  private static TarIndex.Member member(ImageFile file, TarIndex tar, String href) {
    TarIndex.Member m = tar.find(href.startsWith("./") ? href.substring(2) : href);
    if (m == null) {
      throw file.corrupt(
          FORMAT, 0, "the OVF names file '" + href + "', which the archive does not hold");
    }
    return m;
  }

  private static void readManifest(ImageFile file, TarIndex.Member m, Inspection.Builder b) {
    if (m.size() > 1 << 20) {
      throw file.corrupt(
          FORMAT, m.dataOffset(), "the manifest of " + m.size() + " bytes is larger than 1 MiB");
    }
    String text =
        new String(
            file.read(FORMAT, m.dataOffset(), (int) m.size(), "the manifest", ByteOrder.BIG_ENDIAN)
                .array(),
            StandardCharsets.UTF_8);
    long pos = m.dataOffset();
    for (String line : text.split("\r?\n")) {
      if (line.isBlank()) {
        pos += line.length() + 1;
        continue;
      }
      Matcher x = MANIFEST_LINE.matcher(line.strip());
      if (!x.matches()) {
        throw file.corrupt(
            FORMAT, pos, "manifest line '" + line + "' is not of the form SHA256(name)= hex");
      }
      b.manifest(x.group(2), x.group(1) + ":" + x.group(3).toLowerCase(Locale.ROOT));
      pos += line.length() + 1;
    }
  }
}
