package io.cloudimage.core.local;

import io.cloudimage.core.provider.DeregisterOptions;
import java.nio.file.Path;

/** Run as a separate process by the crash test: removes and restores one image until killed. */
public final class RemovalCrashRunner {
  private RemovalCrashRunner() {}

  public static void main(String[] args) {
    Path home = Path.of(args[0]);
    String imageId = args[1];
    try (LocalProvider local = LocalProvider.builder().home(home).build()) {
      System.out.println("READY");
      System.out.flush();
      while (true) {
        if (local.find(imageId).isPresent()) {
          local.deregister(imageId, DeregisterOptions.DELETE_SNAPSHOTS);
        } else {
          local.restoreFromTrash(imageId);
        }
      }
    }
  }
}
