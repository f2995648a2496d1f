package io.cloudimage.examples;

import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.ImportRequest;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The README's first example: import a disk image into a local home, list, archive. */
public final class QuickStart {
  private QuickStart() {}

  /** Usage: QuickStart HOME DISK. */
  public static void main(String[] args) {
    try (LocalProvider local = LocalProvider.builder().home(Path.of(args[0])).build()) {
      Image image =
          local.importImage(
              ImportRequest.of(
                  Path.of(args[1]),
                  "web-base",
                  OperatingSystem.parse("ubuntu:24.04"),
                  Architecture.ARM64));
      local.moveTier(image.nativeId(), StorageTier.ARCHIVE);
      try (Stream<Image> all =
          local.images(ImageQuery.builder().architecture(Architecture.ARM64).build())) {
        all.forEach(
            i ->
                System.out.println(
                    i.nativeId()
                        + " "
                        + i.name()
                        + " "
                        + i.storage().tier()
                        + " "
                        + i.storage().digest()));
      }
    }
  }
}
