package io.cloudimage.security.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.testing.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A root made from this machine's real dpkg database, checked against dpkg-query's own answer. */
class ThisMachineDpkgTest {
  @TempDir Path tmp;

  @Test
  void listsExactlyThePackagesDpkgQuerySaysAreInstalled() throws Exception {
    Path dpkgQuery = RequiredTools.command("dpkg-query");
    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("var/lib/dpkg"));
    Files.createDirectories(root.resolve("etc"));
    Files.copy(Path.of("/var/lib/dpkg/status"), root.resolve("var/lib/dpkg/status"));
    Path osRelease = Path.of("/etc/os-release").toRealPath();
    Files.copy(osRelease, root.resolve("etc/os-release"));
    for (String pkg : List.of("bash", "coreutils", "dpkg")) {
      Path copyright = Path.of("/usr/share/doc", pkg, "copyright");
      if (Files.isRegularFile(copyright)) {
        Path to = Files.createDirectories(root.resolve("usr/share/doc/" + pkg));
        Files.copy(copyright, to.resolve("copyright"));
      }
    }
    Process p =
        new ProcessBuilder(
                dpkgQuery.toString(), "-W", "-f=${db:Status-Abbrev} ${Package}:${Architecture}\\n")
            .redirectErrorStream(true)
            .start();
    Set<String> expected = new HashSet<>();
    for (String line :
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("ii")) {
        expected.add(line.substring(line.indexOf(' ') + 1).strip());
      }
    }
    assertThat(p.waitFor()).isZero();

    Sbom sbom = SbomGenerator.generate(root);

    Set<String> ours = new HashSet<>();
    for (Component c : sbom.components()) {
      ours.add(c.name() + ":" + c.architecture());
    }
    assertThat(ours).isEqualTo(expected);
    Component bash =
        sbom.components().stream().filter(c -> c.name().equals("bash")).findFirst().orElseThrow();
    assertThat(bash.licenses()).isNotEmpty();
    assertThat(bash.purl().toString()).startsWith("pkg:deb/" + sbom.os().id() + "/bash@");
  }

  static String read(Path p) throws IOException {
    return Files.readString(p);
  }
}
