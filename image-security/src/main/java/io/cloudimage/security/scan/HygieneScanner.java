package io.cloudimage.security.scan;

import io.cloudimage.security.sbom.RootFolder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Scans a root filesystem folder for what must not ship in a published image. It reads only:
 * nothing in the folder is changed, and symbolic links are never followed (a link is judged as a
 * link, and the walk does not enter linked folders), so nothing outside the folder is read.
 *
 * <p>This class checks the system's identity (host keys, machine id, cloud-init state, the root
 * password); {@link HomeFolderChecks} looks into home folders and {@link PermissionWalk} walks the
 * whole tree for modes.
 */
public final class HygieneScanner {
  /** The setuid/setgid programs a Debian, Ubuntu or Fedora base image ships on purpose. */
  public static final Set<String> DEFAULT_SETUID_ALLOWED =
      Set.of(
          "/usr/bin/passwd",
          "/usr/bin/su",
          "/usr/bin/sudo",
          "/usr/bin/mount",
          "/usr/bin/umount",
          "/usr/bin/chsh",
          "/usr/bin/chfn",
          "/usr/bin/newgrp",
          "/usr/bin/gpasswd",
          "/usr/bin/chage",
          "/usr/bin/expiry",
          "/usr/bin/crontab",
          "/usr/bin/wall",
          "/usr/bin/write",
          "/usr/bin/write.ul",
          "/usr/bin/ssh-agent",
          "/usr/bin/pkexec",
          "/usr/bin/fusermount",
          "/usr/bin/fusermount3",
          "/usr/sbin/unix_chkpwd",
          "/usr/sbin/pam_extrausers_chkpwd",
          "/usr/lib/openssh/ssh-keysign",
          "/usr/libexec/openssh/ssh-keysign",
          "/usr/lib/dbus-1.0/dbus-daemon-launch-helper",
          "/usr/libexec/dbus-1/dbus-daemon-launch-helper",
          "/usr/lib/polkit-1/polkit-agent-helper-1",
          "/usr/libexec/polkit-agent-helper-1",
          "/usr/sbin/pppd",
          "/bin/su",
          "/bin/mount",
          "/bin/umount",
          "/sbin/unix_chkpwd");

  private final Set<String> setuidAllowed;

  private HygieneScanner(Builder b) {
    this.setuidAllowed = Set.copyOf(b.setuidAllowed);
  }

  /** A builder with {@link #DEFAULT_SETUID_ALLOWED}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Scans the root filesystem in {@code rootPath}.
   *
   * @throws io.cloudimage.core.error.InvalidInputException when it does not exist or is empty
   */
  public ScanReport scan(Path rootPath) {
    RootFolder root = RootFolder.of(rootPath);
    List<Finding> out = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Consumer<String> warn = warnings::add;
    hostKeys(root, out, warn);
    machineId(root, out, warn);
    cloudInit(root, out, warn);
    rootPassword(root, out, warn);
    for (Path home : HomeFolderChecks.homes(root, warn)) {
      HomeFolderChecks.check(root, home, out, warn);
    }
    new PermissionWalk(setuidAllowed).walk(root, out, warnings);
    out.sort(
        Comparator.comparing(Finding::severity)
            .thenComparing(Finding::path)
            .thenComparing(Finding::check));
    return new ScanReport(root.path().toString(), dedupe(out), warnings);
  }

  private static List<Finding> dedupe(List<Finding> in) {
    Set<String> seen = new LinkedHashSet<>();
    List<Finding> out = new ArrayList<>();
    for (Finding f : in) {
      if (seen.add(f.check() + "\0" + f.path())) {
        out.add(f);
      }
    }
    return out;
  }

  private static void hostKeys(RootFolder root, List<Finding> out, Consumer<String> warn) {
    Path ssh = root.resolve("/etc/ssh", warn);
    if (ssh == null || !Files.isDirectory(ssh, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    for (Path p : list(ssh)) {
      String name = p.getFileName().toString();
      if (name.startsWith("ssh_host_") && (name.endsWith("_key") || name.endsWith("_key.pub"))) {
        out.add(
            new Finding(
                "ssh-host-key",
                Severity.HIGH,
                root.guestPath(p),
                "SSH host key: every instance of the image would share it",
                "remove it; sshd's first start (ssh-keygen -A) or cloud-init makes new ones",
                Finding.Action.REMOVE));
      }
    }
  }

  private static void machineId(RootFolder root, List<Finding> out, Consumer<String> warn) {
    for (String guest : List.of("/etc/machine-id", "/var/lib/dbus/machine-id")) {
      Path p = root.file(guest, warn);
      if (p == null) {
        continue;
      }
      String id = read(p, 256).strip();
      if (!id.isEmpty() && !id.equals("uninitialized")) {
        out.add(
            new Finding(
                "machine-id",
                Severity.MEDIUM,
                guest,
                "machine id " + id + " is set: every instance would share it",
                "empty the file (keep it, zero bytes); systemd makes a new id at first boot",
                guest.equals("/etc/machine-id") ? Finding.Action.TRUNCATE : Finding.Action.REMOVE));
      }
    }
  }

  private static void cloudInit(RootFolder root, List<Finding> out, Consumer<String> warn) {
    Path cloud = root.resolve("/var/lib/cloud", warn);
    if (cloud == null || !Files.isDirectory(cloud, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    for (String name : List.of("instances", "instance", "data", "sem")) {
      Path p = cloud.resolve(name);
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        out.add(
            new Finding(
                "cloud-init-state",
                Severity.MEDIUM,
                "/var/lib/cloud/" + name,
                "cloud-init state of the instance the image was made on",
                "remove it (cloud-init clean --logs does the same), so cloud-init runs again at"
                    + " first boot",
                Finding.Action.REMOVE));
      }
    }
  }

  private static void rootPassword(RootFolder root, List<Finding> out, Consumer<String> warn) {
    Path shadow = root.file("/etc/shadow", warn);
    if (shadow == null) {
      return;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(shadow, StandardCharsets.UTF_8);
    } catch (IOException e) {
      warn.accept("cannot read /etc/shadow: " + e.getMessage());
      return;
    }
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split(":", -1);
      if (f.length < 2 || !f[0].equals("root")) {
        continue;
      }
      String hash = f[1];
      if (hash.isEmpty()) {
        out.add(
            new Finding(
                "root-password",
                Severity.CRITICAL,
                "/etc/shadow",
                "line " + (i + 1) + ": root has an empty password: anyone at the console is root",
                "lock it: usermod -p '!' root (or passwd -l root) inside the image",
                Finding.Action.REVIEW));
      } else if (!hash.startsWith("!") && !hash.startsWith("*") && !hash.equals("x")) {
        out.add(
            new Finding(
                "root-password",
                Severity.CRITICAL,
                "/etc/shadow",
                "line " + (i + 1) + ": root has a password hash: every instance shares it",
                "lock it: usermod -p '!' root (or passwd -l root) inside the image; give access"
                    + " through cloud-init keys instead",
                Finding.Action.REVIEW));
      }
    }
  }

  static List<Path> list(Path dir) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      entries.forEach(out::add);
    } catch (IOException e) {
      return out;
    }
    out.sort(null);
    return out;
  }

  static String read(Path p, int max) {
    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
      return new String(in.readNBytes(max), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  /** Builds a scanner. */
  public static final class Builder {
    private final Set<String> setuidAllowed = new LinkedHashSet<>(DEFAULT_SETUID_ALLOWED);

    private Builder() {}

    /** Also allows setuid/setgid on these paths inside the image. */
    public Builder allowSetuid(String... guestPaths) {
      setuidAllowed.addAll(List.of(guestPaths));
      return this;
    }

    /** The scanner. */
    public HygieneScanner build() {
      return new HygieneScanner(this);
    }
  }
}
