package io.cloudimage.core.replication;

import io.cloudimage.core.blockstore.BlockData;
import io.cloudimage.core.blockstore.BlockStore;
import io.cloudimage.core.delta.ChangedBlock;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.format.VirtualDisk;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Pushes only a delta's changed blocks into a block store (the EBS direct APIs): a new snapshot
 * grows from the destination's previous snapshot of the volume, and only the blocks the delta lists
 * ({@link io.cloudimage.core.delta.DeltaFile#changedBlocks()}) are put, read from the new version
 * of the disk; every other block is the parent's. A block that became all zeros is put as zeros, so
 * the parent's old bytes do not show through.
 *
 * <pre>{@code
 * DeltaFile delta = DeltaFile.open(Path.of("v1-v2.cidelta"));
 * try (VirtualDisk v2 = DiskImages.open(Path.of("v2.raw"))) {
 *   ChangedBlockUpload.Result r = ChangedBlockUpload.builder(store, delta.changedBlocks(), v2)
 *       .parent("snap-v1").clientToken("v2-" + digest).build().run();
 * }
 * }</pre>
 */
public final class ChangedBlockUpload {
  private static final long GIB = 1L << 30;

  private final BlockStore store;
  private final List<ChangedBlock> blocks;
  private final VirtualDisk disk;
  private final @Nullable String parent;
  private final String description;
  private final Tags tags;
  private final String clientToken;
  private final ProgressListener listener;
  private final Cancellation cancel;

  private ChangedBlockUpload(Builder b) {
    this.store = b.store;
    this.blocks = List.copyOf(b.blocks);
    this.disk = b.disk;
    this.parent = b.parent;
    this.description = b.description;
    this.tags = b.tags;
    this.clientToken = b.clientToken;
    this.listener = b.listener;
    this.cancel = b.cancel;
  }

  /**
   * An upload of {@code blocks} (a block-mode delta's changed blocks, whose block size must be the
   * store's) read from {@code disk}, the new version.
   */
  public static Builder builder(BlockStore store, List<ChangedBlock> blocks, VirtualDisk disk) {
    return new Builder(store, blocks, disk);
  }

  /**
   * What an upload did.
   *
   * @param snapshotId the new snapshot
   * @param blocksPut how many blocks were put: exactly the changed ones
   * @param bytesPut their bytes
   * @param status the store's status of the snapshot after completion
   */
  public record Result(String snapshotId, int blocksPut, long bytesPut, String status) {}

  /**
   * Starts the snapshot, puts the changed blocks and completes it.
   *
   * @throws InvalidInputException when a block is not aligned to the store's block size
   * @throws io.cloudimage.core.error.CancelledException when cancelled (the snapshot is left
   *     uncompleted, which the store discards)
   */
  public Result run() {
    int size = store.blockSize();
    for (ChangedBlock b : blocks) {
      if (b.offset() != b.index() * size || b.length() > size) {
        throw new InvalidInputException(
            "changed block "
                + b.index()
                + " (offset "
                + b.offset()
                + ", "
                + b.length()
                + " bytes) does not fit the store's "
                + size
                + "-byte blocks: make the delta with --block-size "
                + size);
      }
    }
    long volume = (disk.size() + GIB - 1) / GIB * GIB;
    String snapshot = store.startSnapshot(volume, parent, description, tags, clientToken);
    ByteBuffer buf = ByteBuffer.allocate(size);
    long bytes = 0;
    int done = 0;
    for (ChangedBlock b : blocks) {
      cancel.throwIfCancelled("changed-block upload");
      buf.clear();
      if (!b.zero()) {
        buf.limit(b.length());
        while (buf.hasRemaining()) {
          int n = disk.read(b.offset() + buf.position(), buf);
          if (n < 0) {
            break; // past the disk's end: the rest of the block is zeros
          }
        }
      }
      // Blocks are whole in the store: the tail past the disk's end is zeros.
      byte[] data = new byte[size];
      System.arraycopy(buf.array(), 0, data, 0, buf.position());
      store.putBlock(snapshot, BlockData.of(b.index(), data));
      bytes += size;
      done++;
      listener.onProgress(
          new Progress("upload changed blocks", done, blocks.size(), "block " + b.index()));
    }
    String status = store.completeSnapshot(snapshot, done);
    return new Result(snapshot, done, bytes, status);
  }

  /** Builds a {@link ChangedBlockUpload}. */
  public static final class Builder {
    private final BlockStore store;
    private final List<ChangedBlock> blocks;
    private final VirtualDisk disk;
    private @Nullable String parent;
    private String description = "cloudimage changed-block upload";
    private Tags tags = Tags.EMPTY;
    private String clientToken = java.util.UUID.randomUUID().toString();
    private ProgressListener listener = ProgressListener.NONE;
    private Cancellation cancel = Cancellation.never();

    private Builder(BlockStore store, List<ChangedBlock> blocks, VirtualDisk disk) {
      this.store = Objects.requireNonNull(store, "store");
      this.blocks = Objects.requireNonNull(blocks, "blocks");
      this.disk = Objects.requireNonNull(disk, "disk");
    }

    /** The destination's snapshot of the previous version: unlisted blocks are its blocks. */
    public Builder parent(String parentSnapshotId) {
      this.parent = Objects.requireNonNull(parentSnapshotId, "parentSnapshotId");
      return this;
    }

    /** The new snapshot's description. */
    public Builder description(String text) {
      this.description = Objects.requireNonNull(text, "text");
      return this;
    }

    /** The new snapshot's tags. */
    public Builder tags(Tags snapshotTags) {
      this.tags = Objects.requireNonNull(snapshotTags, "snapshotTags");
      return this;
    }

    /** Makes a repeated start (after a crash) answer the same snapshot. */
    public Builder clientToken(String token) {
      this.clientToken = Objects.requireNonNull(token, "token");
      return this;
    }

    /** Receives a report after each block. */
    public Builder listener(ProgressListener progress) {
      this.listener = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** Stops before the next block. */
    public Builder cancellation(Cancellation cancellation) {
      this.cancel = Objects.requireNonNull(cancellation, "cancellation");
      return this;
    }

    /** The upload. */
    public ChangedBlockUpload build() {
      return new ChangedBlockUpload(this);
    }
  }
}
