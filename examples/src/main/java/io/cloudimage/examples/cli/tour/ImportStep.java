package io.cloudimage.examples.cli.tour;

import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.provider.ImportRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes five small sample disks and imports them into the local provider. */
final class ImportStep implements TourStep {
  /** One sample: its name (whose first word is its family), OS, architecture, size and tier. */
  private record Sample(
      String name, String os, Architecture architecture, int mib, StorageTier tier) {
    String family() {
      return name.substring(0, name.indexOf('-'));
    }
  }

  private static final List<Sample> SAMPLES =
      List.of(
          new Sample("web-ubuntu-22.04", "ubuntu:22.04", Architecture.ARM64, 3, StorageTier.HOT),
          new Sample("web-ubuntu-24.04", "ubuntu:24.04", Architecture.ARM64, 4, StorageTier.HOT),
          new Sample("db-debian-12", "debian:12", Architecture.X86_64, 6, StorageTier.WARM),
          new Sample("legacy-rhel-8", "rhel:8", Architecture.X86_64, 3, StorageTier.HOT),
          new Sample("app-alinux-3", "alinux:3", Architecture.ARM64, 2, StorageTier.HOT));

  @Override
  public String title() {
    return "generate five small sample disks and import them";
  }

  @Override
  public void run(TourContext tour) throws IOException {
    Path samples = Files.createDirectories(tour.workdir().resolve("samples"));
    long seed = 1;
    for (Sample s : SAMPLES) {
      Path disk = SampleDisk.write(samples, s.name() + ".raw", s.mib(), seed++);
      Image image =
          tour.local()
              .importImage(
                  ImportRequest.of(disk, s.name(), OperatingSystem.parse(s.os()), s.architecture())
                      .withTier(s.tier())
                      .withFamily(s.family()),
                  tour.progress(),
                  Cancellation.never());
      tour.imported(s.name(), image);
      tour.out()
          .printf(
              "imported %-18s as %s  %s  %s%n",
              s.name(),
              image.nativeId(),
              tour.listing().size(image.storage().sizeBytes()),
              image.storage().digest());
    }
  }
}
