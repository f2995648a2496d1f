package io.cloudimage.examples.cli.tour;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.progress.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaStepTest {
  @TempDir Path dir;

  @Test
  void printsTheBytesEachDeltaSavesAndTheVerifiedChain() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Listing listing =
        new Listing() {
          @Override
          public String header() {
            return "";
          }

          @Override
          public String line(Image image) {
            return image.name();
          }

          @Override
          public String size(long bytes) {
            return bytes + " B";
          }
        };
    try (LocalProvider local = LocalProvider.builder().home(dir.resolve("home")).build()) {
      new DeltaStep()
          .run(
              new TourContext(
                  dir,
                  local,
                  new PrintStream(printed, true, StandardCharsets.UTF_8),
                  ProgressListener.NONE,
                  listing));
    }
    String out = printed.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("of the bytes saved").contains("identical to v3");
    assertThat(out).containsPattern("cdc mode: delta \\d+ B for a \\d+ B disk, 9\\d\\.\\d% of");
  }
}
