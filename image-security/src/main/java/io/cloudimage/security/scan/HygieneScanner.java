package io.cloudimage.security.scan;

import io.cloudimage.security.sbom.RootFolder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Scans a root filesystem folder for what must not ship in a published image. It reads only:
 * nothing in the folder is changed, and symbolic links are never followed (a link is judged as a
 * link, and the walk does not enter linked folders), so nothing outside the folder is read.
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

  private static final Set<String> HISTORIES =
      Set.of(
          ".bash_history",
          ".zsh_history",
          ".ash_history",
          ".sh_history",
          ".history",
          ".python_history",
          ".mysql_history",
          ".psql_history",
          ".sqlite_history",
          ".lesshst",
          ".viminfo",
          ".node_repl_history",
          ".rediscli_history");

  /** Cloud credential files, relative to a home folder, and whose they are. */
  private static final Map<String, String> CREDENTIALS =
      Map.of(
          ".aws/credentials", "AWS access keys",
          ".aliyun/config.json", "Alibaba Cloud access keys",
          ".config/gcloud/application_default_credentials.json", "Google Cloud credentials",
          ".config/gcloud/credentials.db", "Google Cloud credentials",
          ".azure/msal_token_cache.json", "Azure tokens",
          ".azure/accessTokens.json", "Azure tokens",
          ".docker/config.json", "container registry logins",
          ".kube/config", "Kubernetes credentials",
          ".git-credentials", "git credentials",
          ".netrc", "network logins");

  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----");

  /** Folders whose contents are the running system's, not the image's. */
  private static final Set<String> SKIPPED = Set.of("/proc", "/sys", "/dev", "/run");

  private static final int SETUID = 04000;
  private static final int SETGID = 02000;
  private static final int STICKY = 01000;
  private static final int OTHER_WRITE = 02;

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
    for (Path home : homes(root, warn)) {
      home(root, home, out, warn);
    }
    walk(root, out, warnings);
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

  private static List<Path> homes(RootFolder root, Consumer<String> warn) {
    List<Path> out = new ArrayList<>();
    Path r = root.resolve("/root", warn);
    if (r != null && Files.isDirectory(r, LinkOption.NOFOLLOW_LINKS)) {
      out.add(r);
    }
    Path home = root.resolve("/home", warn);
    if (home != null && Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
      for (Path p : list(home)) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private static void home(RootFolder root, Path home, List<Finding> out, Consumer<String> warn) {
    for (Path p : list(home)) {
      if (HISTORIES.contains(p.getFileName().toString())
          && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        out.add(
            new Finding(
                "shell-history",
                Severity.MEDIUM,
                root.guestPath(p),
                "command history of the machine the image was made on",
                "remove it",
                Finding.Action.REMOVE));
      }
    }
    for (String name : List.of(".ssh/authorized_keys", ".ssh/authorized_keys2")) {
      Path p = home.resolve(name);
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && size(p) > 0) {
        out.add(
            new Finding(
                "authorized-keys",
                Severity.HIGH,
                root.guestPath(p),
                "keys that may log in to every instance of the image",
                "remove it; cloud-init installs the launching user's key at first boot",
                Finding.Action.REMOVE));
      }
    }
    for (Map.Entry<String, String> c : CREDENTIALS.entrySet()) {
      Path p = home.resolve(c.getKey());
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        out.add(
            new Finding(
                "cloud-credentials",
                Severity.CRITICAL,
                root.guestPath(p),
                c.getValue() + " left in a home folder",
                "remove it, and revoke the credentials: they have been copied with the image",
                Finding.Action.REMOVE));
      }
    }
    // Private keys anywhere in the home folder, by content, not by name.
    try {
      Files.walkFileTree(
          home,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && attrs.size() > 0 && attrs.size() < 64 * 1024) {
                if (PRIVATE_KEY.matcher(read(file, 4096)).find()) {
                  out.add(
                      new Finding(
                          "private-key",
                          Severity.CRITICAL,
                          root.guestPath(file),
                          "a private key left in a home folder",
                          "remove it, and replace the key wherever it is trusted",
                          Finding.Action.REMOVE));
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              warn.accept("cannot read " + root.guestPath(file) + ": " + e.getMessage());
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      warn.accept("cannot walk " + root.guestPath(home) + ": " + e.getMessage());
    }
  }

  /** World-writable files and folders, setuid/setgid files: one walk over the whole root. */
  private void walk(RootFolder root, List<Finding> out, List<String> warnings) {
    try {
      Files.walkFileTree(
          root.path(),
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              String guest = root.guestPath(dir);
              if (SKIPPED.contains(guest)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              int mode = mode(dir);
              if ((mode & OTHER_WRITE) != 0 && (mode & STICKY) == 0) {
                out.add(
                    new Finding(
                        "world-writable",
                        Severity.MEDIUM,
                        guest,
                        String.format(
                            "folder is world-writable without the sticky bit (mode %o)",
                            mode & 07777),
                        "chmod o-w (or +t for a shared temporary folder)",
                        Finding.Action.REVIEW));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!attrs.isRegularFile()) {
                return FileVisitResult.CONTINUE;
              }
              int mode = mode(file);
              String guest = root.guestPath(file);
              if ((mode & OTHER_WRITE) != 0) {
                out.add(
                    new Finding(
                        "world-writable",
                        Severity.MEDIUM,
                        guest,
                        String.format("file is world-writable (mode %o)", mode & 07777),
                        "chmod o-w",
                        Finding.Action.REVIEW));
              }
              if ((mode & (SETUID | SETGID)) != 0 && !setuidAllowed.contains(guest)) {
                out.add(
                    new Finding(
                        "setuid",
                        Severity.HIGH,
                        guest,
                        String.format(
                            "%s binary outside the allow list (mode %o)",
                            (mode & SETUID) != 0 ? "setuid" : "setgid", mode & 07777),
                        "chmod u-s,g-s unless it needs to be, then add it to the allow list",
                        Finding.Action.REVIEW));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              warnings.add("cannot read " + root.guestPath(file) + ": " + e.getMessage());
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      warnings.add("cannot walk the root folder: " + e.getMessage());
    }
  }

  private static int mode(Path p) {
    try {
      Object m = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return m instanceof Integer i ? i : 0;
    } catch (IOException | UnsupportedOperationException e) {
      return 0;
    }
  }

  private static List<Path> list(Path dir) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      entries.forEach(out::add);
    } catch (IOException e) {
      return out;
    }
    out.sort(null);
    return out;
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private static String read(Path p, int max) {
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
