package io.cloudimage.core.replication;

import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.provider.ImportRequest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/** Local homes and raw disks for the replication tests. */
final class Homes {
  private Homes() {}

  static LocalProvider open(Path home) {
    return LocalProvider.builder().home(home).build();
  }

  static Path randomDisk(Path file, int size, long seed) throws IOException {
    byte[] data = new byte[size];
    new SplittableRandom(seed).nextBytes(data);
    return Files.write(file, data);
  }

  static void scribble(Path file, long offset, int length, long seed) throws IOException {
    byte[] data = new byte[length];
    new SplittableRandom(seed).nextBytes(data);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      f.write(data);
    }
  }

  static Image importRaw(LocalProvider home, Path disk, String name, String family) {
    return home.importImage(
        ImportRequest.of(disk, name, OperatingSystem.parse("ubuntu:24.04"), Architecture.X86_64)
            .withFamily(family));
  }

  /** The images at a home that are copies of {@code sourceId}. */
  static List<Image> replicasOf(Path home, String sourceId) {
    try (LocalProvider p = open(home)) {
      return p.images()
          .filter(i -> i.tags().get("cloudimage:replica-of").orElse("").equals(sourceId))
          .collect(Collectors.toList());
    }
  }

  static Path diskOf(LocalProvider p, Image image) {
    return p.diskFile(image.guest().deviceBindings().get(0).snapshotId());
  }
}
