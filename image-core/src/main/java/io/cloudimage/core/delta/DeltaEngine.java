package io.cloudimage.core.delta;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.RawDisk;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.output.OutputFile;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates, applies and compacts deltas between versions of a disk image. Immutable and thread-safe;
 * every operation streams through fixed buffers, whatever the disks' sizes.
 *
 * <pre>{@code
 * DeltaEngine engine = DeltaEngine.builder().mode(DeltaMode.CDC).build();
 * engine.create(Path.of("v1.raw"), Path.of("v2.raw"), Path.of("v1-v2.cidelta"), listener, cancel);
 * engine.apply(Path.of("v1.raw"), List.of(Path.of("v1-v2.cidelta")), Path.of("v2.raw"), listener, cancel);
 * }</pre>
 */
public final class DeltaEngine {
  /** The default block size: the EBS direct API's block. */
  public static final int DEFAULT_BLOCK_SIZE = 512 * 1024;

  /** The default average chunk size in CDC mode. */
  public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

  private final DeltaMode mode;
  private final int blockSize;
  private final int chunkSize;
  private final int compressionLevel;
  private final Clock clock;

  private DeltaEngine(Builder b) {
    this.mode = b.mode;
    this.blockSize = b.blockSize;
    this.chunkSize = b.chunkSize;
    this.compressionLevel = b.compressionLevel;
    this.clock = b.clock;
  }

  /** A builder with the defaults: block mode, 512 KiB blocks, 64 KiB average chunks, zstd 1. */
  public static Builder builder() {
    return new Builder();
  }

  /** The mode deltas are created in. */
  public DeltaMode mode() {
    return mode;
  }

  /**
   * Creates the delta that turns {@code base} into {@code target}, written to {@code delta}
   * (replaced if it exists, and only once complete).
   *
   * @return what the delta holds
   * @throws InvalidInputException when an input cannot be read or {@code delta} names an input
   * @throws io.cloudimage.core.error.CancelledException when cancelled; nothing is left behind
   */
  public DeltaInfo create(
      Path base, Path target, Path delta, ProgressListener listener, Cancellation cancel) {
    refuseOverwrite(delta, List.of(base, target));
    try (VirtualDisk b = DeltaDisks.open(base);
        VirtualDisk t = DeltaDisks.open(target)) {
      return create(b, t, delta, listener, cancel);
    }
  }

  /**
   * Creates a delta between two open disks; see {@link #create(Path, Path, Path, ProgressListener,
   * Cancellation)}.
   */
  public DeltaInfo create(
      VirtualDisk base,
      VirtualDisk target,
      Path delta,
      ProgressListener listener,
      Cancellation cancel) {
    // The header keeps milliseconds.
    Instant created = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return mode == DeltaMode.BLOCK
        ? new BlockDiff(blockSize, compressionLevel)
            .create(base, target, delta, created, listener, cancel)
        : new ChunkDiff(chunkSize / 4, chunkSize, chunkSize * 4, compressionLevel)
            .create(base, target, delta, created, listener, cancel);
  }

  /**
   * Applies a chain of deltas, oldest first, to {@code base} and writes the result to {@code out}.
   * The result is built in a hidden temporary file beside {@code out}; the base's digest (checked
   * in the same pass that reads it) and each target's digest must match the deltas' headers before
   * it is renamed to {@code out}, atomically. On any failure nothing is left under {@code out}'s
   * name (a file already there is left as it was).
   *
   * @return the last delta's header
   * @throws io.cloudimage.core.error.CheckFailedException when the base is not the chain's base,
   *     the chain has a gap or a wrong order (naming the missing link), or a result's digest does
   *     not match
   * @throws io.cloudimage.core.error.CorruptDataException when a delta is truncated or damaged
   * @throws InvalidInputException when {@code out} names an input, or an input is unreadable
   */
  public DeltaInfo apply(
      Path base, List<Path> deltas, Path out, ProgressListener listener, Cancellation cancel) {
    if (deltas.isEmpty()) {
      throw new IllegalArgumentException("apply needs at least one delta");
    }
    List<Path> inputs = new ArrayList<>(deltas);
    inputs.add(base);
    refuseOverwrite(out, inputs);
    List<DeltaFile> chain = new ArrayList<>();
    for (Path d : deltas) {
      chain.add(DeltaFile.open(d));
    }
    DeltaChain.check(chain);
    Path current = null;
    try {
      for (int i = 0; i < chain.size(); i++) {
        cancel.throwIfCancelled("delta apply");
        Path next = Partial.beside(out);
        // Intermediate results are raw, whatever their first bytes look like.
        try (VirtualDisk disk = current == null ? DeltaDisks.open(base) : RawDisk.open(current)) {
          DeltaApplier.apply(disk, base.toString(), chain.get(i), next, i == 0, listener, cancel);
        } catch (RuntimeException e) {
          Partial.delete(next);
          throw e;
        }
        if (current != null) {
          Partial.delete(current);
        }
        current = next;
      }
      Files.move(current, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      current = null;
      return chain.get(chain.size() - 1).info();
    } catch (IOException e) {
      throw new UncheckedIOException(out + ": cannot write the result", e);
    } finally {
      if (current != null) {
        Partial.delete(current);
      }
    }
  }

  /**
   * Merges a chain of deltas into one delta from {@code base} to the chain's last target: applies
   * the chain (verified, as {@link #apply}) into a temporary file beside {@code out}, then creates
   * one delta with this engine's mode and sizes, dated as the chain's last delta.
   *
   * @return what the merged delta holds
   */
  public DeltaInfo compact(
      Path base, List<Path> deltas, Path out, ProgressListener listener, Cancellation cancel) {
    List<Path> inputs = new ArrayList<>(deltas);
    inputs.add(base);
    refuseOverwrite(out, inputs);
    Path merged;
    try {
      merged = Partial.beside(out);
    } catch (IOException e) {
      throw new UncheckedIOException(out + ": cannot write beside it", e);
    }
    try {
      DeltaInfo last = apply(base, deltas, merged, listener, cancel);
      DeltaEngine dated = toBuilder().clock(Clock.fixed(last.created(), clock.getZone())).build();
      try (VirtualDisk b = DeltaDisks.open(base);
          VirtualDisk m = RawDisk.open(merged)) {
        return dated.create(b, m, out, listener, cancel);
      }
    } finally {
      Partial.delete(merged);
    }
  }

  /** A builder with this engine's settings. */
  public Builder toBuilder() {
    return new Builder()
        .mode(mode)
        .blockSize(blockSize)
        .chunkSize(chunkSize)
        .compressionLevel(compressionLevel)
        .clock(clock);
  }

  private static void refuseOverwrite(Path out, List<Path> inputs) {
    OutputFile.requireDistinct(out, inputs);
  }

  /** Builds a {@link DeltaEngine}; every option has a default. */
  public static final class Builder {
    private DeltaMode mode = DeltaMode.BLOCK;
    private int blockSize = DEFAULT_BLOCK_SIZE;
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private int compressionLevel = 1;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Block or CDC; default block. */
    public Builder mode(DeltaMode mode) {
      this.mode = mode;
      return this;
    }

    /**
     * The block size in bytes for block mode: a power of two from 4 KiB to 4 MiB; default 512 KiB,
     * the EBS direct API's block, so that a delta's changed blocks are the snapshot's.
     *
     * @throws InvalidInputException outside that range
     */
    public Builder blockSize(int bytes) {
      this.blockSize = checkSize("block size", bytes);
      return this;
    }

    /**
     * The average chunk size in bytes for CDC mode: a power of two from 4 KiB to 4 MiB; default 64
     * KiB. Chunks are at least a quarter and at most four times as large.
     *
     * @throws InvalidInputException outside that range
     */
    public Builder chunkSize(int bytes) {
      this.chunkSize = checkSize("chunk size", bytes);
      return this;
    }

    /**
     * The zstd level for changed blocks and new chunks, 1 (fastest, the default: changed data is
     * mostly new data) to 19.
     */
    public Builder compressionLevel(int level) {
      if (level < 1 || level > 19) {
        throw new InvalidInputException("zstd level " + level + " is outside 1..19");
      }
      this.compressionLevel = level;
      return this;
    }

    /** The clock that dates new deltas; default UTC system time. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The engine. */
    public DeltaEngine build() {
      return new DeltaEngine(this);
    }

    private static int checkSize(String what, int bytes) {
      if (bytes < DeltaHeader.MIN_BLOCK
          || bytes > DeltaHeader.MAX_BLOCK
          || Integer.bitCount(bytes) != 1) {
        throw new InvalidInputException(
            what + " " + bytes + " must be a power of two from 4 KiB to 4 MiB, such as 524288");
      }
      return bytes;
    }
  }
}
