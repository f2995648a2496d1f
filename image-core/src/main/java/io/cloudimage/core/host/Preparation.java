package io.cloudimage.core.host;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.progress.Cancellation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The preparation checks before an image is made from a host: a read-only {@code fsck -n} of a
 * filesystem image, GPU presence, and a backup of the network configuration.
 */
public final class Preparation {
  /** The PCI vendor id of NVIDIA. */
  public static final String NVIDIA = "0x10de";

  /** The network configuration files and folders a backup takes, where they exist. */
  public static final List<String> NETWORK_CONFIG =
      List.of(
          "/etc/network/interfaces",
          "/etc/network/interfaces.d",
          "/etc/netplan",
          "/etc/systemd/network",
          "/etc/NetworkManager/system-connections",
          "/etc/sysconfig/network-scripts",
          "/etc/sysconfig/network",
          "/etc/resolv.conf",
          "/etc/hosts",
          "/etc/hostname");

  private Preparation() {}

  /**
   * The outcome of {@code fsck -n}.
   *
   * @param clean whether fsck found nothing to fix (exit code 0)
   * @param exitCode fsck's exit code (4: errors left uncorrected, 8: operational error), or -1 when
   *     it was stopped at the timeout
   * @param output what fsck printed: its standard output, then its standard error
   */
  public record FsckResult(boolean clean, int exitCode, String output) {}

  /**
   * Runs {@code fsck -n IMAGE}: a check that answers no to every repair, so the image is never
   * changed.
   *
   * @throws InvalidInputException when the image does not exist or fsck is not installed
   */
  public static FsckResult fsck(CommandRunner runner, Path image) {
    if (!Files.isRegularFile(image) && !Files.exists(image)) {
      throw new InvalidInputException(image + " does not exist; give a filesystem image or device");
    }
    CommandResult r =
        runner.run(
            Command.of(List.of("fsck", "-n", image.toString()), Duration.ofMinutes(10)),
            Cancellation.never());
    int exit = r.timedOut() ? -1 : r.exitCode();
    return new FsckResult(exit == 0, exit, r.stdout() + r.stderr());
  }

  /**
   * The PCI addresses of NVIDIA devices in {@code /sys/bus/pci/devices} (vendor {@code 0x10de}).
   */
  public static List<String> nvidiaGpus(HostFiles host) {
    List<String> out = new ArrayList<>();
    for (String dev : host.list("/sys/bus/pci/devices")) {
      String vendor = host.readQuietly("/sys/bus/pci/devices/" + dev + "/vendor");
      if (NVIDIA.equalsIgnoreCase(vendor)) {
        out.add(dev);
      }
    }
    return out;
  }

  /**
   * Writes the host's network configuration files ({@link #NETWORK_CONFIG}) into a tar file, paths
   * kept; missing ones are warned about. The file appears whole or not at all.
   *
   * @return the paths written, inside the host
   */
  public static List<String> backupNetworkConfig(
      HostFiles host, Path tarFile, Consumer<String> warnings) throws IOException {
    List<String> written = new ArrayList<>();
    Path abs = tarFile.toAbsolutePath();
    Path dir = abs.getParent() == null ? Path.of(".") : abs.getParent();
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".part");
    try {
      try (OutputStream os = Files.newOutputStream(tmp);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(os)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (String guest : NETWORK_CONFIG) {
          Path p = host.path(guest);
          if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            continue;
          }
          List<Path> files = new ArrayList<>();
          if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (var s = Files.walk(p)) {
              s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).forEach(files::add);
            }
          } else {
            files.add(p);
          }
          for (Path f : files) {
            String name = guest + f.toString().substring(p.toString().length());
            try {
              byte[] data = Files.readAllBytes(f);
              TarArchiveEntry e = new TarArchiveEntry(name.substring(1));
              e.setSize(data.length);
              e.setModTime(Files.getLastModifiedTime(f).toMillis());
              tar.putArchiveEntry(e);
              tar.write(data);
              tar.closeArchiveEntry();
              written.add(name);
            } catch (IOException e) {
              warnings.accept("cannot back up " + name + ": " + e.getMessage());
            }
          }
        }
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    if (written.isEmpty()) {
      warnings.accept("no network configuration files found to back up");
    }
    return written;
  }
}
