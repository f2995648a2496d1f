package io.cloudimage.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.testing.RequiredTools;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report as a browser draws it: headless Chromium takes a screenshot. */
class ReportScreenshotTest {
  @TempDir Path dir;

  @Test
  void chromiumDrawsTheChartsOfTheReport() throws Exception {
    Path chromium = RequiredTools.command("chromium");
    Path html = dir.resolve("report.html");
    HtmlReport.write(HtmlReportTest.sample(), html);
    Path png = dir.resolve("report.png");
    Process p =
        new ProcessBuilder(
                List.of(
                    chromium.toString(),
                    "--headless",
                    // Root has no user namespace sandbox here; the page is our own file.
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--hide-scrollbars",
                    "--user-data-dir=" + dir.resolve("profile"),
                    "--window-size=900,1400",
                    "--screenshot=" + png,
                    html.toUri().toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("chromium.log").toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    assertThat(png).as(Files.readString(dir.resolve("chromium.log"))).exists();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(900);
    int white = 0;
    int boxA = 0;
    int boxB = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        if (rgb == 0xFFFFFF) {
          white++;
        }
        // The boxes are #4c78a8 and #f58518 at 60% opacity over white.
        if (near(rgb, 0x94AECB)) {
          boxA++;
        }
        if (near(rgb, 0xF9B674)) {
          boxB++;
        }
      }
    }
    long pixels = (long) image.getWidth() * image.getHeight();
    assertThat(white).as("not blank").isLessThan((int) (pixels * 0.99));
    assertThat(boxA).as("A's boxes drawn").isGreaterThan(100);
    assertThat(boxB).as("B's boxes drawn").isGreaterThan(100);
  }

  private static boolean near(int rgb, int target) {
    for (int shift = 0; shift <= 16; shift += 8) {
      int a = (rgb >> shift) & 0xFF;
      int b = (target >> shift) & 0xFF;
      if (Math.abs(a - b) > 12) {
        return false;
      }
    }
    return true;
  }
}
