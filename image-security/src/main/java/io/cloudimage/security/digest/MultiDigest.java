package io.cloudimage.security.digest;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.security.digest.internal.FanOutReader;
import io.cloudimage.security.digest.internal.Hasher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a file once and computes several digests of it, each on its own thread, while a reader
 * keeps a few large buffers filled ahead. Memory stays at {@code bufferCount * bufferSize} whatever
 * the file size. Thread-safe and reusable.
 *
 * <pre>{@code
 * MultiDigest engine = MultiDigest.builder()
 *     .algorithms(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512)
 *     .build();
 * DigestResult r = engine.digest(Path.of("ubuntu.img"), listener, Cancellation.never());
 * String sha256 = r.hex(DigestAlgorithm.SHA256);
 * }</pre>
 */
public final class MultiDigest {
  private final List<DigestAlgorithm> algorithms;
  private final int bufferSize;
  private final int bufferCount;

  private MultiDigest(Builder b) {
    this.algorithms = List.copyOf(b.algorithms);
    this.bufferSize = b.bufferSize;
    this.bufferCount = b.bufferCount;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A SHA-256 engine with default buffers. */
  public static MultiDigest sha256() {
    return builder().algorithms(DigestAlgorithm.SHA256).build();
  }

  /** The algorithms this engine computes, in order. */
  public List<DigestAlgorithm> algorithms() {
    return algorithms;
  }

  /** Digests a file without progress reports. */
  public DigestResult digest(Path file) {
    return digest(file, ProgressListener.NONE, Cancellation.never());
  }

  /**
   * Digests a file.
   *
   * @throws NotFoundException when the file does not exist
   * @throws InvalidInputException when it cannot be read
   * @throws io.cloudimage.core.error.CancelledException when cancelled
   */
  public DigestResult digest(Path file, ProgressListener listener, Cancellation cancellation) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      return run(FanOutReader.Source.of(channel), file.toString(), size, listener, cancellation);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("file to digest not found: " + file, e);
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        throw new InvalidInputException(file + " is a directory; give a file to digest", e);
      }
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Digests a stream to its end; the caller closes it.
   *
   * @param name names the stream in the result and in messages
   */
  public DigestResult digest(
      InputStream in, String name, ProgressListener listener, Cancellation cancellation) {
    return run(FanOutReader.Source.of(in), name, -1, listener, cancellation);
  }

  private DigestResult run(
      FanOutReader.Source source,
      String name,
      long total,
      ProgressListener listener,
      Cancellation cancellation) {
    List<Hasher> hashers = new ArrayList<>();
    for (DigestAlgorithm a : algorithms) {
      hashers.add(a.newHasher());
    }
    long size =
        new FanOutReader(bufferSize, bufferCount)
            .run(source, hashers, "digest " + name, total, listener, cancellation);
    Map<DigestAlgorithm, String> out = new EnumMap<>(DigestAlgorithm.class);
    for (int i = 0; i < algorithms.size(); i++) {
      out.put(algorithms.get(i), HexFormat.of().formatHex(hashers.get(i).digest()));
    }
    return new DigestResult(name, size, out);
  }

  /** Configures a {@link MultiDigest}. */
  public static final class Builder {
    private final Set<DigestAlgorithm> algorithms = new LinkedHashSet<>();
    private int bufferSize = FanOutReader.DEFAULT_BUFFER_SIZE;
    private int bufferCount = FanOutReader.DEFAULT_BUFFER_COUNT;

    private Builder() {}

    /** Adds algorithms; duplicates are ignored. At least one is required. */
    public Builder algorithms(DigestAlgorithm... more) {
      algorithms.addAll(List.of(more));
      return this;
    }

    /** Adds algorithms; duplicates are ignored. */
    public Builder algorithms(Iterable<DigestAlgorithm> more) {
      more.forEach(algorithms::add);
      return this;
    }

    /** Bytes per read buffer; default 1 MiB, at least 4096. */
    public Builder bufferSize(int bytes) {
      if (bytes < 4096) {
        throw new IllegalArgumentException("MultiDigest.bufferSize must be >= 4096, was " + bytes);
      }
      this.bufferSize = bytes;
      return this;
    }

    /** Buffers in flight (read-ahead depth); default 8, at least 2. */
    public Builder bufferCount(int count) {
      if (count < 2) {
        throw new IllegalArgumentException("MultiDigest.bufferCount must be >= 2, was " + count);
      }
      this.bufferCount = count;
      return this;
    }

    public MultiDigest build() {
      if (algorithms.isEmpty()) {
        throw new IllegalStateException("MultiDigest.algorithms is required: add at least one");
      }
      return new MultiDigest(this);
    }
  }
}
