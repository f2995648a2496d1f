package io.cloudimage.fleet.workflow;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Inventories, plans and the pages of stored runs, kept by the SHA-256 of their bytes. Workflows
 * pass only digests, which keeps their history small; the same content always has the same digest,
 * so a retried activity stores nothing twice.
 *
 * <p>Every worker of a fleet must reach the same store: {@link #folder(Path) a folder} (a shared
 * file system on a cluster) or a bucket ({@code io.cloudimage.fleet.blob.s3.S3BlobStore}).
 */
public interface BlobStore {

  /** A store in the folder {@code root} ({@code ROOT/sha256/ab/abcdef…}), created when written. */
  static BlobStore folder(Path root) {
    return new FolderBlobStore(root);
  }

  /** Writes what {@code content} produces; returns its digest. */
  String put(Content content);

  /** Stores a copy of a file; returns its digest. */
  default String putFile(Path file) {
    return put(out -> Files.copy(file, out));
  }

  /**
   * A local file holding the bytes of {@code digest}.
   *
   * @throws NotFoundException when the store does not hold it
   * @throws CorruptDataException when a store that fetches the bytes finds they do not have their
   *     digest
   * @throws InvalidInputException when {@code digest} is not a SHA-256 digest in hex
   */
  Path get(String digest);

  /**
   * Checks that the stored bytes still have their digest.
   *
   * @throws NotFoundException when the store does not hold them
   * @throws CorruptDataException when they do not
   */
  void verify(String digest);

  /**
   * Returns {@code digest} when it is a SHA-256 digest in lower-case hex, as blob names are.
   *
   * @throws InvalidInputException when it is not
   */
  static String requireDigest(String digest) {
    boolean hex =
        digest.length() == 64
            && digest.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    if (!hex) {
      throw new InvalidInputException("'" + digest + "' is not a SHA-256 digest in hex");
    }
    return digest;
  }

  /** Writes a blob's bytes. */
  @FunctionalInterface
  interface Content {
    /** Writes the content to {@code out}. */
    void writeTo(OutputStream out) throws IOException;
  }
}
