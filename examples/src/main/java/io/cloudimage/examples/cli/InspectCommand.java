package io.cloudimage.examples.cli;

import io.cloudimage.core.format.Inspection;
import io.cloudimage.core.format.image.DiskImages;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cloudimage inspect}: a disk image's format and geometry, from its headers and tables. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "A disk image's format (detected from its bytes), virtual size, cluster size, allocation,",
      "backing file, version and flags; for an OVA, its disks and manifest digests."
    })
final class InspectCommand implements Callable<Integer> {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  @Parameters(
      paramLabel = "FILE",
      description = "raw, qcow2, vmdk, vhd, vhdx or ova; may be gzip-, xz- or zstd-compressed.")
  Path file = Path.of("");

  @Override
  public Integer call() {
    Inspection info = DiskImages.inspect(file);
    if (root.json) {
      Output.json(Output.tree(info.toJson()));
      return ExitCodes.OK;
    }
    System.out.println("file:           " + file);
    System.out.println(
        "format:         "
            + info.format().id()
            + (info.subformat() == null ? "" : " (" + info.subformat() + ")")
            + (info.compression() == null ? "" : ", " + info.compression() + "-compressed file"));
    System.out.println("virtual size:   " + info.virtualSize() + " bytes");
    System.out.println("file size:      " + info.fileSize() + " bytes");
    if (info.clusterSize() != null) {
      System.out.println("cluster size:   " + info.clusterSize() + " bytes");
    }
    if (info.allocatedBytes() != null) {
      System.out.println("allocated:      " + info.allocatedBytes() + " bytes");
    }
    if (info.backingFile() != null) {
      System.out.println("backing file:   " + info.backingFile());
    }
    if (info.version() != null) {
      System.out.println("version:        " + info.version());
    }
    if (!info.features().isEmpty()) {
      System.out.println("features:       " + String.join(", ", info.features()));
    }
    System.out.println("encrypted:      " + (info.encrypted() ? "yes" : "no"));
    System.out.println("compressed:     " + (info.compressed() ? "yes" : "no"));
    for (Inspection.PackagedDisk d : info.disks()) {
      System.out.println(
          "disk "
              + d.id()
              + ":  "
              + d.file()
              + " ("
              + d.format()
              + ", "
              + d.capacity()
              + " bytes)");
    }
    for (Map.Entry<String, String> e : info.manifest().entrySet()) {
      System.out.println("manifest:       " + e.getKey() + "  " + e.getValue());
    }
    return ExitCodes.OK;
  }
}
