package io.cloudimage.security.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.testing.RequiredTools;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiDigestTest {
  @TempDir Path dir;

  @Test
  void computesKnownVectorsForAbc() {
    DigestResult r =
        MultiDigest.builder()
            .algorithms(DigestAlgorithm.values())
            .build()
            .digest(
                new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)),
                "abc",
                ProgressListener.NONE,
                Cancellation.never());
    assertThat(r.size()).isEqualTo(3);
    assertThat(r.hex(DigestAlgorithm.SHA256))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(r.hex(DigestAlgorithm.MD5)).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    assertThat(r.hex(DigestAlgorithm.SHA1)).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    assertThat(r.hex(DigestAlgorithm.BLAKE2B_512))
        .startsWith("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1");
  }

  @Test
  void matchesOpensslOnAFileLargerThanTheBufferRing() throws Exception {
    Path openssl = RequiredTools.command("openssl");
    Path file = dir.resolve("data.bin");
    byte[] block = new byte[(1 << 20) + 17];
    new Random(7).nextBytes(block);
    try (var out = Files.newOutputStream(file)) {
      for (int i = 0; i < 11; i++) {
        out.write(block);
      }
    }
    DigestResult r =
        MultiDigest.builder()
            .algorithms(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512, DigestAlgorithm.MD5)
            .bufferSize(64 * 1024)
            .bufferCount(3)
            .build()
            .digest(file);
    assertThat(r.size()).isEqualTo(11L * block.length);
    for (DigestAlgorithm a : List.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512)) {
      assertThat(r.hex(a)).isEqualTo(opensslDigest(openssl, a.id(), file));
    }
    assertThat(r.hex(DigestAlgorithm.MD5)).isEqualTo(opensslDigest(openssl, "md5", file));
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.toJson())
                .get("digests")
                .get("sha256")
                .asText())
        .isEqualTo(r.hex(DigestAlgorithm.SHA256));
  }

  @Test
  void reportsProgressAndStopsWhenCancelled() throws Exception {
    Path file = dir.resolve("big.bin");
    Files.write(file, new byte[200 << 20]);
    Cancellation cancel = Cancellation.create();
    List<Progress> seen = new CopyOnWriteArrayList<>();
    ProgressListener listener =
        p -> {
          seen.add(p);
          if (p.done() > 0) {
            cancel.cancel();
          }
        };
    assertThatThrownBy(() -> MultiDigest.sha256().digest(file, listener, cancel))
        .isInstanceOf(CancelledException.class);
    assertThat(seen).isNotEmpty();
    assertThat(seen.get(0).total()).isEqualTo(200L << 20);
  }

  @Test
  void missingFileIsNotFound() {
    assertThatThrownBy(() -> MultiDigest.sha256().digest(dir.resolve("nope")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void unknownAlgorithmNameListsTheAcceptedOnes() {
    assertThat(DigestAlgorithm.parse("SHA-256")).isEqualTo(DigestAlgorithm.SHA256);
    assertThat(DigestAlgorithm.parse("b2")).isEqualTo(DigestAlgorithm.BLAKE2B_512);
    assertThatThrownBy(() -> DigestAlgorithm.parse("crc32"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("sha256");
  }

  static String opensslDigest(Path openssl, String alg, Path file) throws Exception {
    Process p =
        new ProcessBuilder(openssl.toString(), "dgst", "-" + alg, "-r", file.toString()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(p.waitFor()).isZero();
    return out.split(" ")[0];
  }
}
