package io.cloudimage.examples.cli;

import io.cloudimage.core.host.HostCapture;
import io.cloudimage.core.host.HostFiles;
import io.cloudimage.core.host.HostSnapshot;
import io.cloudimage.core.host.LocalCommandRunner;
import io.cloudimage.core.host.Preparation;
import io.cloudimage.core.model.guest.CgroupState;
import io.cloudimage.core.model.guest.DeviceBinding;
import io.cloudimage.core.model.guest.FilesystemInfo;
import io.cloudimage.core.model.guest.NetworkState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cloudimage capture}: this host's filesystems, cgroups, devices, network and GPUs, and the
 * preparation checks. Missing files give partial results with warnings.
 */
@Command(
    name = "capture",
    mixinStandardHelpOptions = true,
    description =
        "Capture this Linux host's metadata (filesystems, cgroup v2, devices, network, GPU) and"
            + " run the preparation checks; exits 1 when fsck finds a problem.")
final class CaptureCommand implements Callable<Integer> {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  @Option(
      names = "--host-root",
      paramLabel = "DIR",
      description = "Read copies of /proc, /sys, /dev and /etc under DIR instead of this host.")
  @Nullable Path hostRoot;

  @Option(
      names = "--fsck",
      paramLabel = "IMAGE",
      description = "Also check this filesystem image or device read-only with fsck -n.")
  @Nullable Path fsck;

  @Option(
      names = "--network-backup",
      paramLabel = "FILE",
      description = "Also write the network configuration files into this tar file.")
  @Nullable Path networkBackup;

  @Override
  public Integer call() {
    Path base = hostRoot;
    HostFiles host = base == null ? HostFiles.live() : HostFiles.under(base);
    HostSnapshot snapshot = HostCapture.of(host).capture();
    List<String> warnings = new ArrayList<>(snapshot.warnings());
    Preparation.FsckResult fsckResult = null;
    List<String> backedUp = List.of();
    try {
      Path image = fsck;
      if (image != null) {
        fsckResult = Preparation.fsck(new LocalCommandRunner(), image);
      }
      Path backup = networkBackup;
      if (backup != null) {
        backedUp = Preparation.backupNetworkConfig(host, backup, warnings::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root.json) {
      var json = Output.tree(snapshot.toJson());
      json.remove("warnings");
      var prep = json.putObject("preparation");
      if (fsckResult == null) {
        prep.putNull("fsck");
      } else {
        prep.putObject("fsck")
            .put("image", String.valueOf(fsck))
            .put("clean", fsckResult.clean())
            .put("exitCode", fsckResult.exitCode())
            .put("output", fsckResult.output());
      }
      var files = prep.putArray("networkBackup");
      backedUp.forEach(files::add);
      var w = json.putArray("warnings");
      warnings.forEach(w::add);
      Output.json(json);
    } else {
      for (FilesystemInfo f : snapshot.filesystems()) {
        System.out.println(
            "filesystem "
                + f.mountPoint()
                + " "
                + f.type()
                + " uuid="
                + f.uuid()
                + " label="
                + f.label()
                + " size="
                + Output.size(f.sizeBytes()));
      }
      for (CgroupState c : snapshot.cgroups()) {
        System.out.println(
            "cgroup "
                + c.path()
                + " "
                + c.controllers()
                + " cpu="
                + c.cpuLimitCores()
                + " memory="
                + c.memoryLimitBytes());
      }
      for (DeviceBinding d : snapshot.devices()) {
        System.out.println(
            "device "
                + d.deviceName()
                + " "
                + Output.size(d.volumeSizeBytes())
                + (d.nvmeSerial() == null ? "" : " serial=" + d.nvmeSerial())
                + (d.raidMember() == null ? "" : " raid=" + d.raidMember()));
      }
      for (NetworkState.Interface i : snapshot.network().interfaces()) {
        System.out.println("interface " + i.name() + " " + i.mac() + " " + i.addresses());
      }
      for (NetworkState.Route r : snapshot.network().routes()) {
        System.out.println(
            "route "
                + r.destination()
                + (r.gateway().isEmpty() ? "" : " via " + r.gateway())
                + " dev "
                + r.device());
      }
      System.out.println("nvidia gpus: " + snapshot.nvidiaGpus());
      if (fsckResult != null) {
        System.out.println("fsck -n " + fsck + ": " + (fsckResult.clean() ? "clean" : "PROBLEMS"));
      }
      backedUp.forEach(f -> System.out.println("backed up " + f));
      warnings.forEach(x -> System.err.println("warning: " + x));
    }
    return fsckResult != null && !fsckResult.clean() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
  }
}
