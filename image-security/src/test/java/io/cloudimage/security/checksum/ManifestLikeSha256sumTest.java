package io.cloudimage.security.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.testing.RequiredTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests written by the real {@code sha256sum}, and files it would or would not read. */
class ManifestLikeSha256sumTest {
  @TempDir Path dir;

  private static String sha256sum(Path folder, String... names) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(RequiredTools.command("sha256sum").toString()));
    cmd.add("--");
    cmd.addAll(List.of(names));
    Process p = new ProcessBuilder(cmd).directory(folder.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return out;
  }

  private static Map<String, FileCheck> byName(ManifestReport report) {
    return report.files().stream().collect(Collectors.toMap(FileCheck::name, Function.identity()));
  }

  @Test
  void gnuEscapedNamesVerifyAsSha256sumChecksThem() throws Exception {
    String[] names = {"back\\slash.img", "new\nline.img", " spaced .img", "plain.img"};
    for (String name : names) {
      Files.writeString(dir.resolve(name), "content of " + name);
    }
    String listing = sha256sum(dir, names);
    assertThat(listing).contains("back\\\\slash.img").contains("new\\nline");
    Path sums = Files.writeString(dir.resolve("SHA256SUMS"), listing);

    ManifestReport report = ManifestVerifier.builder().build().verify(sums);

    assertThat(byName(report).keySet()).containsExactlyInAnyOrder(names);
    assertThat(report.files())
        .allSatisfy(f -> assertThat(f.status()).isEqualTo(FileCheck.Status.OK));
    assertThat(report.ok()).isTrue();
  }

  @Test
  void bsdTaggedEscapedNamesVerifyToo() throws Exception {
    String name = "odd\\name\n.img";
    Files.writeString(dir.resolve(name), "odd");
    String listing = tagged(dir, name);
    Path sums = Files.writeString(dir.resolve("CHECKSUMS"), listing);

    ManifestReport report = ManifestVerifier.builder().build().verify(sums);

    assertThat(report.files())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.name()).isEqualTo(name);
              assertThat(f.status()).isEqualTo(FileCheck.Status.OK);
            });
  }

  private static String tagged(Path folder, String name) throws Exception {
    Process p =
        new ProcessBuilder(RequiredTools.command("sha256sum").toString(), "--tag", "--", name)
            .directory(folder.toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).startsWith("\\SHA256 (");
    return out;
  }

  @Test
  void linkLeadingOutOfTheBaseFolderIsRefusedAndNamed() throws Exception {
    Path base = Files.createDirectories(dir.resolve("base"));
    Path outside = Files.writeString(dir.resolve("secret.txt"), "outside the base");
    Files.createSymbolicLink(base.resolve("file-link.img"), outside);
    Files.createSymbolicLink(base.resolve("dir-link"), dir);
    Path inside = Files.writeString(base.resolve("real.img"), "inside");
    Files.createSymbolicLink(base.resolve("inside-link.img"), inside);
    String hex = sha256sum(dir, "secret.txt").substring(0, 64);
    String insideHex = sha256sum(base, "real.img").substring(0, 64);
    Path sums =
        Files.writeString(
            base.resolve("SHA256SUMS"),
            hex
                + "  file-link.img\n"
                + hex
                + "  dir-link/secret.txt\n"
                + insideHex
                + "  inside-link.img\n");

    Map<String, FileCheck> checks = byName(ManifestVerifier.builder().build().verify(sums));

    assertThat(checks.get("file-link.img").status()).isEqualTo(FileCheck.Status.REFUSED);
    assertThat(checks.get("file-link.img").detail()).contains("link").contains("file-link.img");
    assertThat(checks.get("file-link.img").actual()).isNull();
    assertThat(checks.get("dir-link/secret.txt").status()).isEqualTo(FileCheck.Status.REFUSED);
    assertThat(checks.get("dir-link/secret.txt").detail()).contains("dir-link");
    assertThat(checks.get("inside-link.img").status()).isEqualTo(FileCheck.Status.OK);
  }

  @Test
  void directoryIsReportedAsADirectoryNotAsMissing() throws Exception {
    Files.createDirectories(dir.resolve("folder.img"));
    Path sums = Files.writeString(dir.resolve("SHA256SUMS"), "0".repeat(64) + "  folder.img\n");

    FileCheck check = ManifestVerifier.builder().build().verify(sums).files().get(0);

    assertThat(check.status()).isEqualTo(FileCheck.Status.UNREADABLE);
    assertThat(check.detail()).contains("is a directory").doesNotContain("does not exist");
  }
}
