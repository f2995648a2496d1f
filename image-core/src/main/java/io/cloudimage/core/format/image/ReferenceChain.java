package io.cloudimage.core.format.image;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.BackingFiles;
import io.cloudimage.core.format.RawDisk;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.format.internal.BackingResolver;
import io.cloudimage.core.format.internal.ImageFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the files an image names, relative to its folder, refusing escapes under {@link
 * BackingFiles#CONFINED}, loops and chains deeper than {@link #MAX_DEPTH}.
 */
final class ReferenceChain implements BackingResolver {
  static final int MAX_DEPTH = 16;

  private final Path image;
  private final Path folder;
  private final BackingFiles policy;
  private final Set<Path> seen;
  private final int depth;

  ReferenceChain(Path image, BackingFiles policy, Set<Path> seen, int depth) {
    this.image = image;
    Path parent = image.toAbsolutePath().normalize().getParent();
    this.folder = parent == null ? Path.of("/") : parent;
    this.policy = policy;
    this.seen = seen;
    this.depth = depth;
  }

  static ReferenceChain start(Path image, BackingFiles policy) {
    Set<Path> seen = new HashSet<>();
    seen.add(real(image));
    return new ReferenceChain(image, policy, seen, 0);
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  Path resolve(String reference) {
    if (reference.isEmpty()
        || reference.indexOf('\0') >= 0
        || reference.toLowerCase(Locale.ROOT).matches("^[a-z][a-z0-9+.-]*:.*")) {
      throw new InvalidInputException(
          image
              + " refers to '"
              + reference
              + "', which is not a plain file name; only files are followed");
    }
    Path named;
    try {
      named = Path.of(reference);
    } catch (InvalidPathException e) {
      throw new InvalidInputException(
          image + " refers to '" + reference + "', which is not a valid file name", e);
    }
    if (named.isAbsolute() && policy == BackingFiles.CONFINED) {
      throw new InvalidInputException(
          image
              + " refers to the absolute path '"
              + reference
              + "'; absolute references are refused for images from elsewhere (open with"
              + " BackingFiles.ANY to allow them)");
    }
    Path resolved = folder.resolve(named).normalize();
    if (policy == BackingFiles.CONFINED) {
      if (!resolved.startsWith(folder)) {
        throw new InvalidInputException(
            image
                + " refers to '"
                + reference
                + "', which leads out of the image's folder "
                + folder
                + "; refused");
      }
      if (Files.exists(resolved) && !real(resolved).startsWith(real(folder))) {
        throw new InvalidInputException(
            image
                + " refers to '"
                + reference
                + "', a link leading out of the image's folder "
                + folder
                + "; refused");
      }
    }
    if (!Files.isRegularFile(resolved)) {
      throw new InvalidInputException(
          image
              + " refers to '"
              + reference
              + "' ("
              + resolved
              + "), which does not exist or is not a file");
    }
    if (depth + 1 > MAX_DEPTH) {
      throw new InvalidInputException(
          image + ": the chain of backing files is deeper than " + MAX_DEPTH + "; refused");
    }
    return resolved;
  }

  @Override
  public VirtualDisk openBacking(String reference, @Nullable String format) {
    Path resolved = resolve(reference);
    Path key = real(resolved);
    if (!seen.add(key)) {
      throw new InvalidInputException(
          image
              + " names '"
              + reference
              + "' as its backing file, which is already in the chain: the chain loops");
    }
    ReferenceChain next = new ReferenceChain(resolved, policy, seen, depth + 1);
    if ("raw".equals(format)) {
      return RawDisk.open(resolved);
    }
    return DiskImages.open(resolved, next);
  }

  @Override
  public ImageFile openFile(String reference) {
    return ImageFile.open(resolve(reference));
  }
}
