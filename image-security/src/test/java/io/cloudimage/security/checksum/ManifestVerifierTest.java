package io.cloudimage.security.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.security.digest.DigestAlgorithm;
import io.cloudimage.security.digest.MultiDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestVerifierTest {
  @TempDir Path dir;

  private String sha256(Path p) {
    return MultiDigest.sha256().digest(p).hex(DigestAlgorithm.SHA256);
  }

  @Test
  void reportsOkMismatchMissingAndRefusedForGnuManifest() throws Exception {
    Path good = Files.writeString(dir.resolve("good.img"), "good");
    Path bad = Files.writeString(dir.resolve("bad.img"), "bad");
    Path sums = dir.resolve("SHA256SUMS");
    Files.writeString(
        sums,
        sha256(good)
            + " *good.img\n"
            + sha256(good)
            + "  bad.img\n"
            + sha256(good)
            + "  gone.img\n"
            + sha256(good)
            + "  ../escape.img\n"
            + sha256(good)
            + "  /etc/passwd\n");

    ManifestReport report = ManifestVerifier.builder().build().verify(sums);

    assertThat(report.files())
        .extracting(FileCheck::status)
        .containsExactly(
            FileCheck.Status.OK,
            FileCheck.Status.MISMATCH,
            FileCheck.Status.MISSING,
            FileCheck.Status.REFUSED,
            FileCheck.Status.REFUSED);
    assertThat(report.files().get(1).actual()).isEqualTo(sha256(bad));
    assertThat(report.ok()).isFalse();
  }

  @Test
  void readsBsdFormatAndChecksAChosenSubset() throws Exception {
    Path a = Files.writeString(dir.resolve("a.iso"), "a");
    Files.writeString(dir.resolve("b.iso"), "b");
    String sha512 =
        MultiDigest.builder()
            .algorithms(DigestAlgorithm.SHA512)
            .build()
            .digest(a)
            .hex(DigestAlgorithm.SHA512);
    Path sums = dir.resolve("CHECKSUM");
    Files.writeString(sums, "SHA512 (a.iso) = " + sha512 + "\nSHA512 (b.iso) = " + sha512 + "\n");

    ManifestReport report = ManifestVerifier.builder().only("a.iso").build().verify(sums);

    assertThat(report.ok()).isTrue();
    assertThat(report.files()).singleElement().extracting(FileCheck::name).isEqualTo("a.iso");
  }

  @Test
  void namesTheLineThatIsNotAManifestLine() throws Exception {
    Path sums = Files.writeString(dir.resolve("SHA256SUMS"), "not a checksum line\n");

    assertThatThrownBy(() -> ChecksumManifest.parse(sums))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 1");
  }
}
