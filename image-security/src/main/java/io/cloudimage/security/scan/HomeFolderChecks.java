package io.cloudimage.security.scan;

import io.cloudimage.security.sbom.RootFolder;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What a home folder of the image must not hold: shell histories, authorized keys, cloud
 * credentials, and private keys (found by content, not by name).
 */
final class HomeFolderChecks {
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

  private HomeFolderChecks() {}

  /** {@code /root} and the folders of {@code /home}, none through a link. */
  static List<Path> homes(RootFolder root, Consumer<String> warn) {
    List<Path> out = new ArrayList<>();
    Path r = root.resolve("/root", warn);
    if (r != null && Files.isDirectory(r, LinkOption.NOFOLLOW_LINKS)) {
      out.add(r);
    }
    Path home = root.resolve("/home", warn);
    if (home != null && Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
      for (Path p : HygieneScanner.list(home)) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /** Shell histories, authorized keys, cloud credentials and private keys in one home. */
  static void check(RootFolder root, Path home, List<Finding> out, Consumer<String> warn) {
    for (Path p : HygieneScanner.list(home)) {
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
                if (PRIVATE_KEY.matcher(HygieneScanner.read(file, 4096)).find()) {
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

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
