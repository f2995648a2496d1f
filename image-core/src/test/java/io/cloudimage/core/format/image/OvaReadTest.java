package io.cloudimage.core.format.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.format.DiskFormat;
import io.cloudimage.core.format.Inspection;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.testing.RequiredTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OVA packages made with tar: the disk is read in place; links and escaping names refused. */
class OvaReadTest {
  static final long SIZE = 3L * 1024 * 1024;
  @TempDir Path dir;
  Path vmdk;

  @BeforeEach
  void disk() throws IOException {
    RequiredTools.command("qemu-img");
    RequiredTools.command("tar");
    Path raw = QemuImg.sparseRaw(dir.resolve("src.raw"), SIZE, 11);
    vmdk = dir.resolve("disk1.vmdk");
    QemuImg.run(
        dir,
        "qemu-img",
        "convert",
        "-f",
        "raw",
        "-O",
        "vmdk",
        "-o",
        "subformat=streamOptimized",
        raw.toString(),
        vmdk.toString());
  }

  static String ovf(String href) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- <Disk ovf:diskId="commented-out" ovf:capacity="1"/> -->
        <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1"
                  xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">
          <References>
            <File ovf:id="file1" ovf:href="%s" ovf:size="123"/>
          </References>
          <DiskSection>
            <Info>Virtual disks</Info>
            <Disk ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:capacity="3"
                  ovf:capacityAllocationUnits="byte * 2^20"
                  ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>
          </DiskSection>
        </Envelope>
        """
        .formatted(href);
  }

  @Test
  void readsTheDiskInPlaceAndListsDisksAndManifest() throws IOException {
    Files.writeString(dir.resolve("vm.ovf"), ovf("disk1.vmdk"));
    String sha = QemuImg.sha256(vmdk);
    Files.writeString(dir.resolve("vm.mf"), "SHA256(disk1.vmdk)= " + sha + "\n");
    QemuImg.run(dir, "tar", "--format=ustar", "-cf", "vm.ova", "vm.ovf", "disk1.vmdk", "vm.mf");
    Path ova = dir.resolve("vm.ova");
    assertThat(DiskFormat.detect(ova)).isEqualTo(DiskFormat.OVA);
    QemuMadeImagesTest.dir = dir;
    String expected = QemuMadeImagesTest.qemuRawSha(vmdk, "vmdk");
    try (VirtualDisk disk = DiskImages.open(ova)) {
      assertThat(disk.format()).isEqualTo(DiskFormat.OVA);
      assertThat(QemuImg.sha256(disk)).isEqualTo(expected);
      assertThat(QemuImg.sha256ByExtents(disk)).isEqualTo(expected);
    }
    Inspection info = DiskImages.inspect(ova);
    assertThat(info.virtualSize()).isEqualTo(SIZE);
    assertThat(info.subformat()).isEqualTo("vmdk");
    assertThat(info.disks())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.id()).isEqualTo("vmdisk1");
              assertThat(d.file()).isEqualTo("disk1.vmdk");
              assertThat(d.format()).isEqualTo("vmdk");
              assertThat(d.capacity()).isEqualTo(SIZE);
            });
    assertThat(info.manifest()).containsEntry("disk1.vmdk", "SHA256:" + sha);
    assertThat(info.toJson()).contains("\"manifest\":{\"disk1.vmdk\":\"SHA256:" + sha + "\"}");
  }

  @Test
  void refusesAMemberThatClimbsOut() throws IOException {
    Files.writeString(dir.resolve("vm.ovf"), ovf("../disk1.vmdk"));
    Files.createDirectories(dir.resolve("sub"));
    Files.move(dir.resolve("vm.ovf"), dir.resolve("sub/vm.ovf"));
    QemuImg.run(
        dir.resolve("sub"),
        "tar",
        "--format=ustar",
        "-P",
        "-cf",
        "../bad.ova",
        "vm.ovf",
        "../disk1.vmdk");
    assertThatThrownBy(() -> DiskImages.open(dir.resolve("bad.ova")))
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("ova")
        .hasMessageContaining("'..'");
  }

  @Test
  void refusesAnAbsoluteMember() throws IOException {
    Files.writeString(dir.resolve("vm.ovf"), ovf(vmdk.toString()));
    QemuImg.run(dir, "tar", "--format=ustar", "-P", "-cf", "abs.ova", "vm.ovf", vmdk.toString());
    assertThatThrownBy(() -> DiskImages.open(dir.resolve("abs.ova")))
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("absolute");
  }

  @Test
  void refusesALinkMember() throws IOException {
    Files.writeString(dir.resolve("vm.ovf"), ovf("link.vmdk"));
    Files.createSymbolicLink(dir.resolve("link.vmdk"), Path.of("/etc/passwd"));
    QemuImg.run(dir, "tar", "--format=ustar", "-cf", "link.ova", "vm.ovf", "link.vmdk");
    assertThatThrownBy(() -> DiskImages.inspect(dir.resolve("link.ova")))
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("link");
  }
}
