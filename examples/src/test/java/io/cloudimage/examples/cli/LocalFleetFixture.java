package io.cloudimage.examples.cli;

import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.ImportRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A local fleet of two accounts ({@code team-a}, {@code team-b}) in {@code us-east-1}, each home
 * holding two images tagged {@code retire} and one to keep, with a policy that deregisters the
 * tagged ones.
 */
final class LocalFleetFixture {
  static final List<String> ACCOUNTS = List.of("team-a", "team-b");

  private LocalFleetFixture() {}

  /** The home of {@code account} under {@code dir}. */
  static Path home(Path dir, String account) {
    return dir.resolve("homes").resolve(account).resolve("us-east-1");
  }

  /**
   * Seeds the homes under {@code dir} and writes {@code policy.yaml} and {@code fleet.yaml} (named
   * {@code name}, with {@code extraYaml} appended to the fleet file); returns the fleet file.
   */
  static Path seed(Path dir, String name, String extraYaml) throws IOException {
    int disk = 0;
    for (String account : ACCOUNTS) {
      try (LocalProvider local = LocalProvider.builder().home(home(dir, account)).build()) {
        for (String image : List.of("retire-1", "retire-2", "keep-me")) {
          Path file = dir.resolve("disk-" + disk++ + ".raw");
          byte[] bytes = new byte[4096];
          bytes[0] = (byte) disk;
          Files.write(file, bytes);
          ImportRequest request =
              ImportRequest.of(
                  file, image, OperatingSystem.parse("ubuntu:24.04"), Architecture.X86_64);
          local.importImage(
              image.startsWith("retire") ? request.withTags(Tags.of("retire", "yes")) : request,
              ProgressListener.NONE,
              Cancellation.never());
        }
      }
    }
    Files.writeString(
        dir.resolve("policy.yaml"),
        """
        name: retire-tagged
        protectNewestOfFamily: false
        rules:
          - name: retire
            when: {tag: {key: retire}}
            action: DEREGISTER
        """);
    Path fleet = dir.resolve("fleet.yaml");
    Files.writeString(
        fleet,
        """
        name: %s
        provider: local
        home: homes
        regions: [us-east-1]
        accounts:
          - id: team-a
          - id: team-b
        policy: policy.yaml
        """
                .formatted(name)
            + extraYaml);
    return fleet;
  }
}
