package io.cloudimage.examples.cli.tour;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/** Small deterministic sample disks for the tour and for tests of the command line. */
public final class SampleDisk {
  private SampleDisk() {}

  /**
   * Writes {@code dir/name}: {@code mib} MiB, mostly zeros like a fresh filesystem with every
   * fourth 64 KiB block random (from {@code seed}), and an MBR boot signature.
   */
  public static Path write(Path dir, String name, int mib, long seed) {
    Path file = dir.resolve(name);
    byte[] block = new byte[1 << 16];
    Random random = new Random(seed);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < mib * 16; i++) {
        Arrays.fill(block, (byte) 0);
        if (i % 4 == 0) {
          random.nextBytes(block);
        }
        if (i == 0) {
          block[510] = 0x55;
          block[511] = (byte) 0xAA;
        }
        out.write(block);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
