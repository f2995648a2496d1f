package io.cloudimage.security.sbom;

import io.cloudimage.core.error.InvalidInputException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes the SBOM of a root filesystem folder from the package databases found in it: dpkg ({@code
 * /var/lib/dpkg/status} and {@code status.d/}), apk ({@code /lib/apk/db/installed}) and rpm ({@code
 * rpmdb.sqlite}), with the operating system from {@code os-release} and {@code lsb-release}.
 * Nothing outside the folder is read, whatever its symbolic links say.
 */
public final class SbomGenerator {
  private SbomGenerator() {}

  /**
   * The SBOM of the root filesystem in {@code root}.
   *
   * @throws InvalidInputException when {@code root} does not exist, is no folder or is empty
   */
  public static Sbom generate(Path root) {
    return generate(root, Clock.systemUTC());
  }

  /** {@link #generate(Path)} dated by {@code clock}. */
  public static Sbom generate(Path root, Clock clock) {
    RootFolder folder = RootFolder.of(root);
    List<String> warnings = new ArrayList<>();
    Consumer<String> warn = warnings::add;
    OsRelease os = OsRelease.read(folder, warn);
    List<Component> components = new ArrayList<>();
    components.addAll(DpkgDatabase.read(folder, os, warn));
    components.addAll(ApkDatabase.read(folder, os, warn));
    components.addAll(RpmDatabase.read(folder, os, warn));
    components.sort(Comparator.comparing(Component::key).thenComparing(Component::version));
    Path name = folder.path().getFileName();
    return new Sbom(
        name == null ? "/" : name.toString(), os, components, warnings, clock.instant());
  }
}
