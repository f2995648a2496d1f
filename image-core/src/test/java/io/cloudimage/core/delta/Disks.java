package io.cloudimage.core.delta;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Disk images for the delta tests: random bytes from a seed, edited in place. */
final class Disks {
  private Disks() {}

  static Path random(Path file, int size, long seed) throws IOException {
    byte[] data = new byte[size];
    new SplittableRandom(seed).nextBytes(data);
    return Files.write(file, data);
  }

  /** Overwrites {@code length} bytes at {@code offset} with random bytes. */
  static void scribble(Path file, long offset, int length, long seed) throws IOException {
    byte[] data = new byte[length];
    new SplittableRandom(seed).nextBytes(data);
    write(file, offset, data);
  }

  static void write(Path file, long offset, byte[] data) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      f.write(data);
    }
  }

  /** A copy of {@code from} with {@code inserted} random bytes put in at {@code offset}. */
  static Path insert(Path from, Path to, int offset, int inserted, long seed) throws IOException {
    byte[] old = Files.readAllBytes(from);
    byte[] extra = new byte[inserted];
    new SplittableRandom(seed).nextBytes(extra);
    byte[] result = new byte[old.length + inserted];
    System.arraycopy(old, 0, result, 0, offset);
    System.arraycopy(extra, 0, result, offset, inserted);
    System.arraycopy(old, offset, result, offset + inserted, old.length - offset);
    return Files.write(to, result);
  }

  static Path copy(Path from, Path to) throws IOException {
    return Files.copy(from, to);
  }

  /** Files whose names start with a dot: the temporary files of unfinished work. */
  static long leftovers(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith(".")).count();
    }
  }
}
