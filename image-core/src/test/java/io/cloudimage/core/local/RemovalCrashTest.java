package io.cloudimage.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.ImportRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real JVM with SIGKILL at random points of {@code images rm} (deregister with snapshots)
 * and {@code trash restore}; after each kill the image is listed or restorable with its bytes
 * intact, and the canary outside the home is unchanged.
 */
class RemovalCrashTest {
  private static final int KILLS = 50;

  @TempDir Path dir;

  @Test
  void killedRemovalsAndRestoresLeaveEveryImageListedOrRestorable() throws Exception {
    Path home = dir.resolve("home");
    Path canary = Files.write(dir.resolve("canary.raw"), new byte[] {7, 7, 7});
    byte[] data = new byte[256 << 10];
    new Random(9).nextBytes(data);
    Path source = Files.write(dir.resolve("a.raw"), data);
    String digest = sha256(data);
    Image image;
    try (LocalProvider local = LocalProvider.builder().home(home).build()) {
      image =
          local.importImage(
              ImportRequest.of(
                  source, "a", OperatingSystem.parse("debian:12"), Architecture.X86_64),
              ProgressListener.NONE,
              Cancellation.never());
    }
    String snap = image.guest().deviceBindings().get(0).snapshotId();
    Random random = new Random(42);
    for (int kill = 0; kill < KILLS; kill++) {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xshare:auto",
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  System.getProperty("java.class.path"),
                  RemovalCrashRunner.class.getName(),
                  home.toString(),
                  image.nativeId())
              .redirectErrorStream(true)
              .start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).as("child output").isEqualTo("READY");
      Thread.sleep(random.nextInt(60));
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);

      try (LocalProvider local = LocalProvider.builder().home(home).build()) {
        boolean listed = local.find(image.nativeId()).isPresent();
        boolean restorable = local.trash().stream().anyMatch(e -> e.id().equals(image.nativeId()));
        assertThat(listed ^ restorable).as("listed xor restorable after kill " + kill).isTrue();
        if (!listed) {
          local.restoreFromTrash(image.nativeId());
        }
        assertThat(sha256(Files.readAllBytes(local.diskFile(snap)))).isEqualTo(digest);
        assertThat(HomeDoctor.check(home)).as("problems after kill " + kill).isEmpty();
      }
      assertThat(canary).hasBinaryContent(new byte[] {7, 7, 7});
    }
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
