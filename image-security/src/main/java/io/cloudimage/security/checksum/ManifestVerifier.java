package io.cloudimage.security.checksum;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.security.digest.DigestResult;
import io.cloudimage.security.digest.MultiDigest;
import io.cloudimage.security.pgp.VerificationResult;
import io.cloudimage.security.pgp.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks the files a manifest lists, optionally after checking the manifest's own signature.
 *
 * <pre>{@code
 * ManifestReport report = ManifestVerifier.builder()
 *     .signature(verifier, Path.of("SHA256SUMS.gpg"))   // or a clear-signed manifest: no path
 *     .only("ubuntu-24.04-server-cloudimg-amd64.img")
 *     .build()
 *     .verify(Path.of("SHA256SUMS"), listener, Cancellation.never());
 * }</pre>
 *
 * Names are resolved against the base folder (default: the manifest's folder); a name that is
 * absolute, climbs out with {@code ..}, or leads out through a symbolic link is {@link
 * FileCheck.Status#REFUSED} and never read. Names are read as {@code sha256sum -c} reads them,
 * escaped names included.
 */
public final class ManifestVerifier {
  private final @Nullable Path base;
  private final Set<String> only;
  private final @Nullable Verifier verifier;
  private final @Nullable Path signature;

  private ManifestVerifier(Builder b) {
    this.base = b.base;
    this.only = Set.copyOf(b.only);
    this.verifier = b.verifier;
    this.signature = b.signature;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Checks without progress reports. */
  public ManifestReport verify(Path manifest) {
    return verify(manifest, ProgressListener.NONE, Cancellation.never());
  }

  /**
   * Checks the manifest's signature (when configured) and then every listed or chosen file.
   *
   * @throws InvalidInputException when a chosen name is not in the manifest
   */
  public ManifestReport verify(Path manifest, ProgressListener listener, Cancellation cancel) {
    VerificationResult sig = null;
    if (verifier != null) {
      sig =
          signature != null
              ? verifier.verifyDetached(manifest, signature, listener, cancel)
              : verifier.verify(manifest, null, listener, cancel);
    }
    ChecksumManifest parsed = ChecksumManifest.parse(manifest);
    Path root =
        base != null
            ? base
            : java.util.Objects.requireNonNull(manifest.toAbsolutePath().getParent());
    Set<String> listed = new LinkedHashSet<>();
    parsed.entries().forEach(e -> listed.add(e.name()));
    for (String name : only) {
      if (!listed.contains(name)) {
        throw new InvalidInputException(manifest + " does not list '" + name + "'");
      }
    }
    List<FileCheck> checks = new ArrayList<>();
    for (ChecksumManifest.Entry e : parsed.entries()) {
      if (!only.isEmpty() && !only.contains(e.name())) {
        continue;
      }
      checks.add(check(root, e, listener, cancel));
    }
    return new ManifestReport(checks, sig);
  }

  private static FileCheck check(
      Path root, ChecksumManifest.Entry e, ProgressListener listener, Cancellation cancel) {
    String refusal = escape(root, e.name());
    if (refusal != null) {
      return new FileCheck(e.name(), FileCheck.Status.REFUSED, e.hex(), null, refusal);
    }
    Path target = root.resolve(e.name()).normalize();
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return new FileCheck(
          e.name(), FileCheck.Status.MISSING, e.hex(), null, target + " does not exist");
    }
    if (Files.isDirectory(target)) {
      return new FileCheck(
          e.name(), FileCheck.Status.UNREADABLE, e.hex(), null, target + " is a directory");
    }
    if (!Files.isRegularFile(target)) {
      return new FileCheck(
          e.name(),
          FileCheck.Status.UNREADABLE,
          e.hex(),
          null,
          Files.exists(target)
              ? target + " is not a regular file"
              : target + " is a link to " + linkTarget(target) + ", which does not exist");
    }
    DigestResult r;
    try {
      r = MultiDigest.builder().algorithms(e.algorithm()).build().digest(target, listener, cancel);
    } catch (InvalidInputException | NotFoundException failure) {
      return new FileCheck(
          e.name(),
          FileCheck.Status.UNREADABLE,
          e.hex(),
          null,
          String.valueOf(failure.getMessage()));
    }
    String actual = r.hex(e.algorithm());
    boolean ok = actual.equals(e.hex());
    return new FileCheck(
        e.name(),
        ok ? FileCheck.Status.OK : FileCheck.Status.MISMATCH,
        e.hex(),
        actual,
        ok
            ? e.algorithm().id() + " matches"
            : e.algorithm().id() + " is " + actual + ", the manifest says " + e.hex());
  }

  /**
   * Why {@code name} may not be read under {@code root}, or {@code null} when it may: an absolute
   * name, a name that climbs out with {@code ..}, or a name that reaches outside through a symbolic
   * link (the file itself or a folder on its way). Links that stay inside the base are followed, as
   * {@code sha256sum -c} follows them.
   */
  private static @Nullable String escape(Path root, String name) {
    Path rel;
    try {
      rel = Path.of(name);
    } catch (InvalidPathException ex) {
      return "name is not a valid path here (" + ex.getReason() + "); not read";
    }
    Path target = root.resolve(rel).normalize();
    if (rel.isAbsolute()
        || name.startsWith("/")
        || !target.startsWith(root.normalize())
        || rel.normalize().startsWith("..")) {
      return "name escapes the base folder " + root + "; not read";
    }
    Path realRoot;
    try {
      realRoot = root.toRealPath();
    } catch (IOException ex) {
      return "base folder " + root + " cannot be resolved (" + ex.getMessage() + "); not read";
    }
    // Walk the name one part at a time so that a link anywhere on the way is judged where it is.
    Path at = root;
    for (Path part : root.relativize(target)) {
      at = at.resolve(part);
      if (!Files.isSymbolicLink(at)) {
        continue;
      }
      Path real;
      try {
        real = at.toRealPath();
      } catch (IOException ex) {
        // A dangling link: nothing outside can be read through it; the caller reports it missing.
        Path to = linkTarget(at);
        Path resolved = at.getParent() == null ? to : at.getParent().resolve(to).normalize();
        if (!resolved.startsWith(root)) {
          return "link " + at + " points outside the base folder to " + to + "; not followed";
        }
        continue;
      }
      if (!real.startsWith(realRoot)) {
        return "link "
            + at
            + " points outside the base folder "
            + root
            + " to "
            + real
            + "; not followed";
      }
    }
    return null;
  }

  private static Path linkTarget(Path link) {
    try {
      return Files.readSymbolicLink(link);
    } catch (IOException | UnsupportedOperationException ex) {
      return link;
    }
  }

  /** Configures a {@link ManifestVerifier}. */
  public static final class Builder {
    private @Nullable Path base;
    private final Set<String> only = new LinkedHashSet<>();
    private @Nullable Verifier verifier;
    private @Nullable Path signature;

    private Builder() {}

    /** The folder names are relative to; default the manifest's folder. */
    public Builder base(Path folder) {
      this.base = folder.toAbsolutePath().normalize();
      return this;
    }

    /** Checks only these listed names; repeatable. Default: every listed file. */
    public Builder only(String... names) {
      only.addAll(List.of(names));
      return this;
    }

    /**
     * Checks the manifest's signature first: detached from {@code signatureFile}, or clear-signed
     * in the manifest itself when {@code signatureFile} is null.
     */
    public Builder signature(Verifier verifier, @Nullable Path signatureFile) {
      this.verifier = verifier;
      this.signature = signatureFile;
      return this;
    }

    public ManifestVerifier build() {
      return new ManifestVerifier(this);
    }
  }
}
