package io.cloudimage.core.format.ova;

import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.internal.AtomicOutput;
import io.cloudimage.core.format.vmdk.StreamVmdkWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Writes an OVA: the OVF descriptor first (as DSP0243 requires), then the disk as a
 * stream-optimized VMDK, then a manifest of SHA-256 digests. The VMDK is written to a scratch file
 * beside the output first, since a tar member's size comes before its data.
 */
public final class OvaWriter {
  private OvaWriter() {}

  /**
   * Writes {@code disk} into {@code out} as an OVA for a machine named {@code name}.
   *
   * @param scratch a file name beside the output for the VMDK while it is made; removed after
   */
  public static void write(VirtualDisk disk, AtomicOutput out, String name, Path scratch) {
    String base = name.replaceAll("[^A-Za-z0-9._-]", "_");
    String vmdkName = base + "-disk1.vmdk";
    String ovfName = base + ".ovf";
    try (AtomicOutput vmdk = AtomicOutput.create(scratch)) {
      StreamVmdkWriter.write(disk, vmdk, vmdkName);
      vmdk.commit();
      long vmdkSize = Files.size(scratch);
      byte[] ovf = ovf(base, vmdkName, vmdkSize, disk.size()).getBytes(StandardCharsets.UTF_8);
      String manifest =
          "SHA256("
              + ovfName
              + ")= "
              + hex(sha256(ovf))
              + "\n"
              + "SHA256("
              + vmdkName
              + ")= "
              + hex(sha256(scratch))
              + "\n";
      byte[] mf = manifest.getBytes(StandardCharsets.UTF_8);
      long pos = 0;
      pos = member(out, pos, ovfName, ovf.length);
      out.write(pos, ByteBuffer.wrap(ovf));
      pos = pad(pos + ovf.length);
      pos = member(out, pos, vmdkName, vmdkSize);
      copy(scratch, out, pos);
      pos = pad(pos + vmdkSize);
      pos = member(out, pos, base + ".mf", mf.length);
      out.write(pos, ByteBuffer.wrap(mf));
      pos = pad(pos + mf.length);
      out.write(pos, ByteBuffer.allocate(1024)); // two zero blocks end the archive
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the OVA's disk " + scratch, e);
    } finally {
      try {
        Files.deleteIfExists(scratch);
      } catch (IOException e) {
        // left beside the output; harmless
      }
    }
  }

  private static long pad(long pos) {
    return (pos + 511) / 512 * 512;
  }

  /** Writes a ustar header for a regular file; returns where its data starts. */
  private static long member(AtomicOutput out, long pos, String name, long size) {
    ByteBuffer h = ByteBuffer.allocate(512);
    put(h, 0, name, 100);
    put(h, 100, "0000644", 8);
    put(h, 108, "0000000", 8);
    put(h, 116, "0000000", 8);
    if (size < 8L << 30) {
      put(h, 124, String.format(Locale.ROOT, "%011o", size), 12);
    } else {
      // Base-256 for members of 8 GiB and more (GNU and POSIX readers accept it).
      h.put(124, (byte) 0x80);
      for (int i = 0; i < 8; i++) {
        h.put(135 - i, (byte) (size >>> (8 * i)));
      }
    }
    put(h, 136, String.format(Locale.ROOT, "%011o", Instant.now().getEpochSecond()), 12);
    h.put(156, (byte) '0');
    put(h, 257, "ustar", 6);
    put(h, 263, "00", 2);
    put(h, 265, "root", 32);
    put(h, 297, "root", 32);
    for (int i = 148; i < 156; i++) {
      h.put(i, (byte) ' ');
    }
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += h.get(i) & 0xff;
    }
    put(h, 148, String.format(Locale.ROOT, "%06o", sum), 7);
    h.put(155, (byte) ' ');
    h.clear();
    out.write(pos, h);
    return pos + 512;
  }

  private static void put(ByteBuffer h, int at, String s, int max) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > max) {
      throw new IllegalArgumentException("tar field too long: " + s);
    }
    h.put(at, b);
  }

  private static void copy(Path from, AtomicOutput out, long pos) throws IOException {
    try (InputStream in = Files.newInputStream(from)) {
      byte[] buf = new byte[1 << 20];
      long at = pos;
      int n;
      while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
        out.write(at, ByteBuffer.wrap(buf, 0, n));
        at += n;
      }
    }
  }

  private static byte[] sha256(byte[] data) {
    MessageDigest md = sha();
    md.update(data);
    return md.digest();
  }

  private static byte[] sha256(Path file) throws IOException {
    MessageDigest md = sha();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 20];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return md.digest();
  }

  private static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static String ovf(String name, String vmdkName, long vmdkSize, long capacity) {
    String xmlName = name.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1"
            xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"
            xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"
            xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData">
          <References>
            <File ovf:id="file1" ovf:href="%2$s" ovf:size="%3$d"/>
          </References>
          <DiskSection>
            <Info>Virtual disks</Info>
            <Disk ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:capacity="%4$d" ovf:capacityAllocationUnits="byte" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>
          </DiskSection>
          <VirtualSystem ovf:id="%1$s">
            <Info>A virtual machine</Info>
            <Name>%1$s</Name>
            <OperatingSystemSection ovf:id="1">
              <Info>The guest operating system</Info>
            </OperatingSystemSection>
            <VirtualHardwareSection>
              <Info>Virtual hardware requirements</Info>
              <System>
                <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>
                <vssd:InstanceID>0</vssd:InstanceID>
                <vssd:VirtualSystemIdentifier>%1$s</vssd:VirtualSystemIdentifier>
              </System>
              <Item>
                <rasd:ElementName>1 virtual CPU</rasd:ElementName>
                <rasd:InstanceID>1</rasd:InstanceID>
                <rasd:ResourceType>3</rasd:ResourceType>
                <rasd:VirtualQuantity>1</rasd:VirtualQuantity>
              </Item>
              <Item>
                <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>
                <rasd:ElementName>1024 MB of memory</rasd:ElementName>
                <rasd:InstanceID>2</rasd:InstanceID>
                <rasd:ResourceType>4</rasd:ResourceType>
                <rasd:VirtualQuantity>1024</rasd:VirtualQuantity>
              </Item>
              <Item>
                <rasd:ElementName>SCSI controller 0</rasd:ElementName>
                <rasd:InstanceID>3</rasd:InstanceID>
                <rasd:ResourceSubType>lsilogic</rasd:ResourceSubType>
                <rasd:ResourceType>6</rasd:ResourceType>
              </Item>
              <Item>
                <rasd:AddressOnParent>0</rasd:AddressOnParent>
                <rasd:ElementName>Hard disk 1</rasd:ElementName>
                <rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource>
                <rasd:InstanceID>4</rasd:InstanceID>
                <rasd:Parent>3</rasd:Parent>
                <rasd:ResourceType>17</rasd:ResourceType>
              </Item>
            </VirtualHardwareSection>
          </VirtualSystem>
        </Envelope>
        """
        .formatted(xmlName, vmdkName, vmdkSize, capacity);
  }
}
