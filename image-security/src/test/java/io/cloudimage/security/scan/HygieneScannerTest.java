package io.cloudimage.security.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HygieneScannerTest {
  @TempDir Path tmp;
  Path root;

  private Path write(String guest, String content) throws IOException {
    Path p = root.resolve(guest.substring(1));
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  @BeforeEach
  void dirtyRoot() throws IOException {
    root = Files.createDirectories(tmp.resolve("root"));
    write("/etc/ssh/ssh_host_ed25519_key", "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n");
    write("/etc/ssh/ssh_host_ed25519_key.pub", "ssh-ed25519 AAAA host");
    write("/etc/ssh/sshd_config", "PermitRootLogin no\n");
    write("/etc/machine-id", "0123456789abcdef0123456789abcdef\n");
    write("/etc/shadow", "root:$6$salt$hash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n");
    write("/root/.bash_history", "aws s3 ls\n");
    write("/root/.ssh/authorized_keys", "ssh-ed25519 AAAA admin@laptop\n");
    write("/home/alice/.aws/credentials", "[default]\naws_access_key_id=AKIA...\n");
    write("/home/alice/notes/deploy.pem", "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n");
    write("/home/alice/.zsh_history", "ls\n");
    write("/var/lib/cloud/instances/i-0abc/user-data.txt", "#cloud-config\n");
    Path ww = write("/opt/app/config.ini", "x=1\n");
    Files.setPosixFilePermissions(ww, PosixFilePermissions.fromString("rw-rw-rw-"));
    Path suid = write("/usr/local/bin/helper", "#!/bin/sh\n");
    Files.setAttribute(suid, "unix:mode", 04755);
    Path passwd = write("/usr/bin/passwd", "binary");
    Files.setAttribute(passwd, "unix:mode", 04755);
    // A link out of the root is judged as a link, never followed.
    Files.createSymbolicLink(root.resolve("home/alice/host-keys"), Path.of("/etc/ssh"));
  }

  private static Map<String, Long> state(Path dir) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        out.put(
            p.toString(),
            Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).toMillis());
      }
    }
    return out;
  }

  @Test
  void findsWhatMustNotShipWithSeverityPathAndFix() throws IOException {
    ScanReport report = HygieneScanner.builder().build().scan(root);

    Map<String, List<String>> byCheck =
        report.findings().stream()
            .collect(
                Collectors.groupingBy(
                    Finding::check,
                    TreeMap::new,
                    Collectors.mapping(Finding::path, Collectors.toList())));
    assertThat(byCheck)
        .containsEntry(
            "ssh-host-key",
            List.of("/etc/ssh/ssh_host_ed25519_key", "/etc/ssh/ssh_host_ed25519_key.pub"))
        .containsEntry("machine-id", List.of("/etc/machine-id"))
        .containsEntry("root-password", List.of("/etc/shadow"))
        .containsEntry("authorized-keys", List.of("/root/.ssh/authorized_keys"))
        .containsEntry("cloud-credentials", List.of("/home/alice/.aws/credentials"))
        .containsEntry("private-key", List.of("/home/alice/notes/deploy.pem"))
        .containsEntry("cloud-init-state", List.of("/var/lib/cloud/instances"))
        .containsEntry("world-writable", List.of("/opt/app/config.ini"))
        .containsEntry("setuid", List.of("/usr/local/bin/helper"));
    assertThat(byCheck.get("shell-history"))
        .containsExactlyInAnyOrder("/root/.bash_history", "/home/alice/.zsh_history");
    assertThat(report.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(report.findings()).allSatisfy(f -> assertThat(f.fix()).isNotBlank());
  }

  @Test
  void theFixPlanListsRemovalsAndChangesNothing() throws IOException {
    Map<String, Long> before = state(root);

    String plan = HygieneScanner.builder().build().scan(root).fixPlan();

    assertThat(plan)
        .contains(
            "remove /etc/ssh/ssh_host_ed25519_key\n",
            "remove /root/.bash_history\n",
            "truncate /etc/machine-id\n",
            "# review /etc/shadow:")
        .doesNotContain("remove /etc/shadow", "remove /usr/bin/passwd");
    assertThat(state(root)).isEqualTo(before);
  }

  @Test
  void aCleanRootHasNoFindings() throws IOException {
    Path clean = Files.createDirectories(tmp.resolve("clean/etc"));
    Files.writeString(clean.resolve("machine-id"), "");
    Files.writeString(clean.resolve("shadow"), "root:*:19000:0:99999:7:::\n");

    assertThat(HygieneScanner.builder().build().scan(clean.getParent()).clean()).isTrue();
  }

  @Test
  void refusesAMissingRoot() {
    assertThatThrownBy(() -> HygieneScanner.builder().build().scan(tmp.resolve("absent")))
        .isInstanceOf(InvalidInputException.class);
  }
}
