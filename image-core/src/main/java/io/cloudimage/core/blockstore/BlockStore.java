package io.cloudimage.core.blockstore;

import io.cloudimage.core.model.Tags;
import io.cloudimage.core.provider.Page;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A cloud's snapshots seen as fixed-size blocks: what the delta engine reads and writes. Reading
 * lists a snapshot's allocated blocks (or the blocks changed since an earlier snapshot of the same
 * volume lineage) and fetches them one at a time, each checked against its SHA-256; writing starts
 * a snapshot, puts the blocks that differ with their SHA-256, and completes it with the count of
 * blocks written.
 *
 * <pre>{@code
 * try (BlockStore store = ...) {
 *   String snap = store.startSnapshot(8L << 30, null, "rebuilt", Tags.EMPTY, token);
 *   store.putBlock(snap, BlockData.of(0, firstBlock));
 *   store.completeSnapshot(snap, 1);
 *   store.blocks(snap).forEach(b -> store.readBlock(snap, b));
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe; blocks may be put in parallel and in any order.
 */
public interface BlockStore extends AutoCloseable {

  /** The size of every block in bytes (524,288 on EBS). */
  int blockSize();

  /**
   * One page of a snapshot's allocated blocks, in index order.
   *
   * @param pageToken {@code null} for the first page, else the previous page's token
   * @throws io.cloudimage.core.error.NotFoundException when there is no such snapshot
   */
  Page<Block> listBlocks(String snapshotId, @Nullable String pageToken);

  /**
   * One page of the blocks that differ between {@code baseSnapshotId} and {@code snapshotId}, in
   * index order, each with the token to read it from {@code snapshotId}.
   */
  Page<Block> listChangedBlocks(
      String baseSnapshotId, String snapshotId, @Nullable String pageToken);

  /**
   * Reads one block, checked against the SHA-256 the store sends.
   *
   * @throws io.cloudimage.core.error.CorruptDataException when the bytes do not match it
   */
  BlockData readBlock(String snapshotId, Block block);

  /**
   * Starts a new snapshot to write blocks into.
   *
   * @param volumeSizeBytes the size of the volume it describes, a whole number of GiB
   * @param parentSnapshotId the snapshot it grows from (unwritten blocks are the parent's), or
   *     {@code null} for an empty volume
   * @param clientToken makes a repeated start answer the same snapshot
   * @return the new snapshot's id
   */
  String startSnapshot(
      long volumeSizeBytes,
      @Nullable String parentSnapshotId,
      String description,
      Tags tags,
      String clientToken);

  /** Writes one block of a started snapshot, with its SHA-256 for the store to check. */
  void putBlock(String snapshotId, BlockData block);

  /**
   * Completes a started snapshot after {@code changedBlocks} blocks were put.
   *
   * @return the store's status of the snapshot, such as {@code pending} or {@code completed}
   */
  String completeSnapshot(String snapshotId, int changedBlocks);

  /** Every allocated block of a snapshot, fetched a page at a time as the stream is consumed. */
  default Stream<Block> blocks(String snapshotId) {
    return Page.stream(token -> listBlocks(snapshotId, token));
  }

  /** Every block changed between two snapshots, fetched a page at a time. */
  default Stream<Block> changedBlocks(String baseSnapshotId, String snapshotId) {
    return Page.stream(token -> listChangedBlocks(baseSnapshotId, snapshotId, token));
  }

  /** Releases connections. */
  @Override
  void close();
}
