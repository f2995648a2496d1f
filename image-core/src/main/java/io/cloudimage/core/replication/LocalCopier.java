package io.cloudimage.core.replication;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.delta.DeltaEngine;
import io.cloudimage.core.delta.DeltaInfo;
import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.ImportRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Copies between local homes. When the destination holds an earlier version of the image's family
 * (both raw), the copy is a block delta from that version to the source, applied at the destination
 * with both digests checked, then registered there: only the delta counts as moved. Otherwise the
 * disk file is copied whole.
 */
final class LocalCopier implements Copier {
  private static final String RAW = "raw";

  private final LocalProvider source;
  private final DeltaEngine engine;
  private final Path workDir;

  LocalCopier(LocalProvider source, DeltaEngine engine, Path workDir) {
    this.source = source;
    this.engine = engine;
    this.workDir = workDir;
  }

  private static LocalProvider local(ImageProvider p) {
    if (p instanceof LocalProvider l) {
      return l;
    }
    throw new IllegalStateException("a local destination needs a LocalProvider, not " + p.name());
  }

  static Path diskOf(LocalProvider provider, Image image) {
    String snap =
        image.guest().deviceBindings().isEmpty()
            ? null
            : image.guest().deviceBindings().get(0).snapshotId();
    if (snap == null) {
      throw new IllegalStateException(image.nativeId() + " has no snapshot");
    }
    return provider.diskFile(snap);
  }

  @Override
  public Optional<Image> findReplica(
      Image src, ReplicationTarget target, ImageProvider destination, boolean interrupted) {
    // An interrupted local import is never listed, so a listed copy is a finished one.
    try (Stream<Image> images = destination.images()) {
      return images
          .filter(i -> i.tags().get(REPLICA_OF).map(src.nativeId()::equals).orElse(false))
          .findFirst();
    }
  }

  @Override
  public Copy copy(
      Image src,
      ReplicationTarget target,
      ImageProvider destination,
      String token,
      ProgressListener listener,
      Cancellation cancel) {
    LocalProvider dest = local(destination);
    Path srcFile = diskOf(source, src);
    Image base = previousVersion(src, dest);
    if (base != null) {
      try {
        return byDelta(src, srcFile, base, dest, listener, cancel);
      } catch (CheckFailedException e) {
        // The destination's version is not what its digest says: fall back to a whole copy.
        Copy full = whole(src, srcFile, dest, listener, cancel);
        return new Copy(
            full.image(),
            full.transfer(),
            full.bytesMoved(),
            "full copy: the delta against " + base.nativeId() + " failed: " + e.getMessage());
      }
    }
    return whole(src, srcFile, dest, listener, cancel);
  }

  private Copy whole(
      Image src, Path srcFile, LocalProvider dest, ProgressListener listener, Cancellation cancel) {
    Image copy = dest.importImage(request(src, srcFile), listener, cancel);
    return new Copy(copy, Transfer.FULL, sizeOf(srcFile), "full copy");
  }

  private Copy byDelta(
      Image src,
      Path srcFile,
      Image base,
      LocalProvider dest,
      ProgressListener listener,
      Cancellation cancel) {
    Path baseFile = diskOf(dest, base);
    Path dir;
    try {
      Files.createDirectories(workDir);
      dir = Files.createTempDirectory(workDir, "replicate-");
    } catch (IOException e) {
      throw new UncheckedIOException(workDir + ": cannot make a work folder", e);
    }
    try {
      Path delta = dir.resolve("delta.cidelta");
      Path rebuilt = dir.resolve("rebuilt.raw");
      DeltaInfo info = engine.create(baseFile, srcFile, delta, listener, cancel);
      // What crosses the wire is the delta; it is applied against the destination's own version.
      engine.apply(baseFile, List.of(delta), rebuilt, listener, cancel);
      Image copy = dest.importImage(request(src, rebuilt), listener, cancel);
      return new Copy(
          copy,
          Transfer.DELTA,
          info.deltaSize(),
          "delta against " + base.nativeId() + " (" + base.name() + ")");
    } finally {
      deleteTree(dir);
    }
  }

  private static ImportRequest request(Image src, Path file) {
    return new ImportRequest(
        file,
        src.name(),
        src.platform().os(),
        src.platform().architecture(),
        src.storage().tier(),
        src.tags().with(REPLICA_OF, src.nativeId()),
        src.description(),
        src.family());
  }

  /** The destination's newest available raw image of the source's family, if both are raw. */
  private static @Nullable Image previousVersion(Image src, LocalProvider dest) {
    String family = src.family();
    if (family == null || !RAW.equals(src.storage().format())) {
      return null;
    }
    try (Stream<Image> images = dest.images()) {
      return images
          .filter(i -> family.equals(i.family()))
          .filter(i -> i.state() == ImageState.AVAILABLE)
          .filter(i -> RAW.equals(i.storage().format()))
          .max(Comparator.comparing(Image::created))
          .orElse(null);
    }
  }

  @Override
  public Optional<String> verify(Image src, Image copy, ImageProvider destination) {
    String expected = src.storage().digest();
    if (expected == null) {
      expected = FileDigest.sha256(diskOf(source, src));
    }
    Path file = diskOf(local(destination), copy);
    String actual = FileDigest.sha256(file);
    if (!actual.equals(expected)) {
      return Optional.of(
          "the copy's disk "
              + file
              + " has digest "
              + actual
              + ", the source "
              + src.nativeId()
              + " has "
              + expected);
    }
    if (!Objects.equals(copy.storage().digest(), expected)) {
      return Optional.of(
          "the copy "
              + copy.nativeId()
              + " records digest "
              + copy.storage().digest()
              + ", not "
              + expected);
    }
    return Optional.empty();
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read its size", e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover in the work folder holds no state; the next run makes its own folder.
    }
  }
}
