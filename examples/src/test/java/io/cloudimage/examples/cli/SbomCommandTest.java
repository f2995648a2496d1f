package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomCommandTest {
  @TempDir Path tmp;

  private Path root(String name, String opensslVersion) throws IOException {
    Path root = tmp.resolve(name);
    Files.createDirectories(root.resolve("var/lib/dpkg"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(
        root.resolve("etc/os-release"),
        "NAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID=\"12\"\n"
            + "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_CODENAME=bookworm\n");
    Files.writeString(
        root.resolve("var/lib/dpkg/status"),
        "Package: openssl\nStatus: install ok installed\nArchitecture: amd64\nVersion: "
            + opensslVersion
            + "\n\nPackage: telnetd\nStatus: install ok installed\nArchitecture: amd64\n"
            + "Version: 0.17-44\n");
    return root;
  }

  @Test
  void generatesCycloneDxToAFile() throws IOException {
    Path root = root("a", "3.0.11-1~deb12u2");
    Path out = tmp.resolve("bom.json");

    CliRun run = CliRun.of("sbom", "generate", root.toString(), "-o", out.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(Files.readString(out))
        .contains("\"specVersion\" : \"1.6\"", "pkg:deb/debian/openssl@3.0.11-1~deb12u2");
  }

  @Test
  void diffPrintsTheContractJson() throws IOException {
    Path a = root("a", "3.0.11-1~deb12u2");
    Path b = root("b", "3.0.17-1~deb12u2");

    CliRun run = CliRun.of("--json", "sbom", "diff", a.toString(), b.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "\"changed\"", "\"from\" : \"3.0.11-1~deb12u2\"", "\"to\" : \"3.0.17-1~deb12u2\"");
  }

  @Test
  void checkExitsOneWithEveryReason() throws IOException {
    Path root = root("a", "3.0.11-1~deb12u2");
    Path policy = tmp.resolve("policy.json");
    Files.writeString(
        policy, "{\"deny\":[\"telnetd\"],\"minimumVersions\":{\"openssl\":\"3.0.15\"}}");

    CliRun run = CliRun.of("sbom", "check", root.toString(), "--policy", policy.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("denied: telnetd", "minimum-version: openssl", "Codename:");
  }

  @Test
  void aMissingOrEmptyRootIsBadInput() throws IOException {
    Path empty = Files.createDirectory(tmp.resolve("empty"));

    assertThat(CliRun.of("sbom", "generate", tmp.resolve("nope").toString()).exitCode())
        .isEqualTo(3);
    assertThat(CliRun.of("sbom", "generate", empty.toString()).exitCode()).isEqualTo(3);
  }
}
