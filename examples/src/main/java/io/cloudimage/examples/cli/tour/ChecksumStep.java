package io.cloudimage.examples.cli.tour;

import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.security.checksum.FileCheck;
import io.cloudimage.security.checksum.ManifestReport;
import io.cloudimage.security.checksum.ManifestVerifier;
import io.cloudimage.security.digest.DigestAlgorithm;
import io.cloudimage.security.digest.DigestResult;
import io.cloudimage.security.digest.MultiDigest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Digests the sample disks (two algorithms in one pass), writes a {@code SHA256SUMS} manifest,
 * checks it, then flips one bit and shows the check catching it.
 */
final class ChecksumStep implements TourStep {
  @Override
  public String title() {
    return "digest the sample disks in one pass each, write a SHA256SUMS and check it";
  }

  @Override
  public void run(TourContext tour) throws IOException {
    Path samples = tour.workdir().resolve("samples");
    List<Path> disks;
    try (Stream<Path> files = Files.list(samples)) {
      disks = files.filter(p -> p.toString().endsWith(".raw")).sorted().toList();
    }
    Path manifest = writeManifest(tour, samples, disks);
    ManifestReport report = ManifestVerifier.builder().base(samples).build().verify(manifest);
    tour.out()
        .println(
            "SHA256SUMS: "
                + report.files().size()
                + " files, "
                + (report.ok() ? "all match" : "MISMATCH"));
    flipOneBit(disks.get(0), 1000);
    ManifestReport tampered = ManifestVerifier.builder().base(samples).build().verify(manifest);
    for (FileCheck f : tampered.files()) {
      if (f.status() != FileCheck.Status.OK) {
        tour.out().println("after flipping one bit: " + f.name() + " " + f.status());
      }
    }
  }

  private static Path writeManifest(TourContext tour, Path samples, List<Path> disks)
      throws IOException {
    MultiDigest digests =
        MultiDigest.builder().algorithms(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512).build();
    StringBuilder sums = new StringBuilder();
    for (Path disk : disks) {
      DigestResult r = digests.digest(disk, tour.progress(), Cancellation.never());
      sums.append(r.hex(DigestAlgorithm.SHA256))
          .append("  ")
          .append(disk.getFileName())
          .append('\n');
      tour.out()
          .println(
              disk.getFileName()
                  + "  sha512 "
                  + r.hex(DigestAlgorithm.SHA512).substring(0, 32)
                  + "…");
    }
    return Files.writeString(samples.resolve("SHA256SUMS"), sums.toString());
  }

  private static void flipOneBit(Path file, long offset) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, offset);
      one.put(0, (byte) (one.get(0) ^ 1)).rewind();
      ch.write(one, offset);
    }
  }
}
