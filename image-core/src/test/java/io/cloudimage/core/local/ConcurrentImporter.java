package io.cloudimage.core.local;

import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.ImportRequest;
import java.nio.file.Path;

/** Run as a separate process by the tests: imports one file N times into a home. */
public final class ConcurrentImporter {
  private ConcurrentImporter() {}

  public static void main(String[] args) {
    Path home = Path.of(args[0]);
    Path disk = Path.of(args[1]);
    int count = Integer.parseInt(args[2]);
    for (int i = 0; i < count; i++) {
      try (LocalProvider local = LocalProvider.builder().home(home).build()) {
        local.importImage(
            ImportRequest.of(
                disk, args[3] + "-" + i, OperatingSystem.parse("debian:12"), Architecture.X86_64),
            ProgressListener.NONE,
            Cancellation.never());
      }
    }
  }
}
