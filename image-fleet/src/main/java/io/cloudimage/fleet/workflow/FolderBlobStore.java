package io.cloudimage.fleet.workflow;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.NotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A {@link BlobStore} in a folder: {@code ROOT/sha256/ab/abcdef…}. The same content always lands on
 * the same name, so a retried activity stores nothing twice.
 *
 * <p>Every worker of a fleet must see the same folder (a shared file system on a cluster). Made by
 * {@link BlobStore#folder(Path)}.
 */
final class FolderBlobStore implements BlobStore {
  private final Path root;

  /** A store in {@code root}, created when first written. */
  FolderBlobStore(Path root) {
    this.root = root;
  }

  @Override
  public String put(Content content) {
    try {
      Path dir = Files.createDirectories(root.resolve("sha256"));
      Path tmp = Files.createTempFile(dir, ".incoming-", ".tmp");
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
          content.writeTo(out);
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        Path target = path(digest);
        Files.createDirectories(target.getParent());
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return digest;
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the blob store " + root, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public Path get(String digest) {
    Path p = path(digest);
    if (!Files.isRegularFile(p)) {
      throw new NotFoundException(
          "blob " + digest + " is not in " + root + "; every worker must share this folder");
    }
    return p;
  }

  @Override
  public void verify(String digest) {
    Path p = get(digest);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
        Files.copy(p, out);
      }
      String actual = HexFormat.of().formatHex(sha.digest());
      if (!actual.equals(digest)) {
        throw new CorruptDataException(p, -1, "holds " + actual + ", not " + digest);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path path(String digest) {
    BlobStore.requireDigest(digest);
    return root.resolve("sha256").resolve(digest.substring(0, 2)).resolve(digest);
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
