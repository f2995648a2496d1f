package io.cloudimage.core.format.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.Extent;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.testing.RequiredTools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Real images from qemu-img in every format, their headers and tables mutated at random: opening,
 * inspecting and reading either works or fails with an {@link InvalidInputException} (usually a
 * {@code CorruptDataException}), never another exception, and always within a few seconds.
 */
class MutatedHeadersProperties {
  private static final List<byte[]> SAMPLES = new ArrayList<>();
  private static final List<String> NAMES = new ArrayList<>();
  private static Path dir = Path.of("");
  private static ExecutorService runner = Executors.newSingleThreadExecutor();

  @BeforeContainer
  static void samples() throws IOException {
    if (!qemuImgPresent()) {
      return;
    }
    dir = Files.createTempDirectory("mutated-headers");
    Path raw = QemuImg.sparseRaw(dir.resolve("src.raw"), 1024 * 1024 + 512, 9);
    String[][] variants = {
      {"qcow2", "-O", "qcow2", "-o", "cluster_size=4096"},
      {"qcow2c", "-O", "qcow2", "-c", "-o", "cluster_size=4096"},
      {"vmdk", "-O", "vmdk"},
      {"vmdks", "-O", "vmdk", "-o", "subformat=streamOptimized"},
      {"vhd", "-O", "vpc"},
      {"vhdf", "-O", "vpc", "-o", "subformat=fixed"},
      {"vhdx", "-O", "vhdx", "-o", "block_size=1M,log_size=1M"},
    };
    for (String[] v : variants) {
      Path out = dir.resolve(v[0] + ".img");
      List<String> cmd = new ArrayList<>(List.of("qemu-img", "convert", "-f", "raw"));
      cmd.addAll(List.of(v).subList(1, v.length));
      cmd.add(raw.toString());
      cmd.add(out.toString());
      QemuImg.run(dir, cmd.toArray(String[]::new));
      SAMPLES.add(Files.readAllBytes(out));
      NAMES.add(v[0]);
      Files.delete(out);
    }
    Path ova = dir.resolve("x.ovf");
    Files.writeString(ova, OvaReadTest.ovf("d.vmdk"));
    QemuImg.run(
        dir,
        "qemu-img",
        "convert",
        "-f",
        "raw",
        "-O",
        "vmdk",
        "-o",
        "subformat=streamOptimized",
        raw.toString(),
        dir.resolve("d.vmdk").toString());
    QemuImg.run(dir, "tar", "--format=ustar", "-cf", "x.ova", "x.ovf", "d.vmdk");
    SAMPLES.add(Files.readAllBytes(dir.resolve("x.ova")));
    NAMES.add("ova");
  }

  private static boolean qemuImgPresent() {
    try {
      RequiredTools.command("qemu-img");
      return true;
    } catch (org.opentest4j.TestAbortedException e) {
      return false;
    }
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    runner.shutdownNow();
    if (!dir.toString().isEmpty() && Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Property(tries = 400)
  void mutatedImagesFailOnlyWithTypedErrorsAndQuickly(@ForAll long seed) throws Exception {
    if (SAMPLES.isEmpty()) {
      return;
    }
    Random r = new Random(seed);
    int which = Math.floorMod(seed, SAMPLES.size());
    byte[] image = mutate(SAMPLES.get(which), r);
    Path file = dir.resolve("try-" + NAMES.get(which) + ".img");
    Files.write(file, image);
    Future<?> attempt = runner.submit(() -> exercise(file));
    try {
      attempt.get(20, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      attempt.cancel(true);
      runner.shutdownNow();
      runner = Executors.newSingleThreadExecutor();
      throw new AssertionError(NAMES.get(which) + " seed " + seed + " did not finish in 20 s");
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      assertThat(cause)
          .as(NAMES.get(which) + " seed " + seed + ": " + cause)
          .isInstanceOf(InvalidInputException.class);
      assertThat(cause.getMessage()).isNotBlank();
    }
  }

  private static void exercise(Path file) {
    DiskImages.inspect(file);
    try (VirtualDisk disk = DiskImages.open(file)) {
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      long budget = 4L << 20;
      for (Extent e : disk.extents()) {
        for (long pos = e.offset(); pos < e.end() && budget > 0; pos += buf.capacity()) {
          buf.clear();
          budget -= Math.max(0, disk.read(pos, buf));
        }
        if (budget <= 0) {
          break;
        }
      }
      buf.clear();
      disk.read(Math.max(0, disk.size() - 1000), buf);
    }
  }

  private static byte[] mutate(byte[] sample, Random r) {
    byte[] b = sample.clone();
    switch (r.nextInt(4)) {
      case 0 -> {
        int cut = r.nextBoolean() ? r.nextInt(Math.min(b.length, 1 << 18)) : r.nextInt(b.length);
        return java.util.Arrays.copyOf(b, cut);
      }
      case 1 -> {
        for (int i = 0, n = 1 + r.nextInt(8); i < n; i++) {
          b[hotSpot(b, r)] = (byte) r.nextInt();
        }
      }
      case 2 -> {
        int at = hotSpot(b, r) & ~7;
        long v = r.nextBoolean() ? r.nextLong() : (long) r.nextInt(b.length * 2) & ~511L;
        ByteBuffer.wrap(b).putLong(Math.min(at, b.length - 8), v);
      }
      default -> {
        int at = hotSpot(b, r) & ~3;
        ByteBuffer.wrap(b).putInt(Math.min(at, b.length - 4), r.nextBoolean() ? -1 : r.nextInt());
      }
    }
    return b;
  }

  /** Mostly the headers and tables: the first 8 KiB, the last 2 KiB, the VHDX metadata. */
  private static int hotSpot(byte[] b, Random r) {
    return switch (r.nextInt(4)) {
      case 0, 1 -> r.nextInt(Math.min(b.length, 8192));
      case 2 -> b.length - 1 - r.nextInt(Math.min(b.length, 2048));
      default -> r.nextInt(b.length);
    };
  }
}
