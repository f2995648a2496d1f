package io.cloudimage.core.host;

import io.cloudimage.core.model.guest.FilesystemInfo;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds the model's metadata of a running Linux host. Every part is read on its own: a missing or
 * unreadable file leaves that part empty and adds a warning, and the capture goes on.
 */
public final class HostCapture {
  private static final Set<String> DISK_FILESYSTEMS =
      Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "vfat", "ntfs", "ntfs3", "f2fs", "zfs");

  private final HostFiles host;

  private HostCapture(HostFiles host) {
    this.host = host;
  }

  /** A capture of {@code host}. */
  public static HostCapture of(HostFiles host) {
    return new HostCapture(host);
  }

  /** Reads everything; never fails for a missing file. */
  public HostSnapshot capture() {
    List<String> warnings = new ArrayList<>();
    Consumer<String> warn = warnings::add;
    return new HostSnapshot(
        filesystems(warn),
        Cgroups.read(host, warn),
        BlockDevices.read(host, warn),
        Network.read(host, warn),
        Preparation.nvidiaGpus(host),
        warnings);
  }

  /** The filesystems of {@code /proc/self/mountinfo} that live on block devices. */
  List<FilesystemInfo> filesystems(Consumer<String> warn) {
    String text = host.read("/proc/self/mountinfo", warn);
    List<FilesystemInfo> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    Map<String, Superblock.Identity> identities = new HashMap<>();
    for (MountInfo.Mount m : MountInfo.parse(text, warn)) {
      if (!DISK_FILESYSTEMS.contains(m.fsType()) || !m.source().startsWith("/dev/")) {
        continue;
      }
      Superblock.Identity id = identities.get(m.source());
      if (id == null && !identities.containsKey(m.source())) {
        try {
          id = Superblock.read(host.path(m.source()));
        } catch (IOException | SecurityException e) {
          warn.accept("cannot read the superblock of " + m.source() + ": " + e.getMessage());
        }
        identities.put(m.source(), id);
      }
      long size = 0;
      long used = 0;
      if (host.isLive()) {
        try {
          FileStore store = Files.getFileStore(Path.of(m.mountPoint()));
          size = store.getTotalSpace();
          used = Math.min(size, Math.max(0, size - store.getUnallocatedSpace()));
        } catch (IOException e) {
          warn.accept("cannot read the size of " + m.mountPoint() + ": " + e.getMessage());
        }
      }
      out.add(
          new FilesystemInfo(
              m.fsType(),
              id == null ? "" : id.uuid(),
              id == null ? "" : id.label(),
              m.mountPoint(),
              size,
              used));
    }
    return out;
  }
}
