package io.cloudimage.aws;

import io.cloudimage.core.blockstore.Block;
import io.cloudimage.core.blockstore.BlockData;
import io.cloudimage.core.blockstore.BlockStore;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.provider.Page;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ebs.EbsClient;
import software.amazon.awssdk.services.ebs.model.ChangedBlock;
import software.amazon.awssdk.services.ebs.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.ebs.model.GetSnapshotBlockResponse;
import software.amazon.awssdk.services.ebs.model.ListChangedBlocksResponse;
import software.amazon.awssdk.services.ebs.model.ListSnapshotBlocksResponse;
import software.amazon.awssdk.services.ebs.model.Tag;

/**
 * EBS snapshots as a {@link BlockStore}, over the EBS direct APIs: ListSnapshotBlocks,
 * ListChangedBlocks, GetSnapshotBlock, StartSnapshot, PutSnapshotBlock and CompleteSnapshot. Blocks
 * are 512 KiB; each read is checked against the SHA-256 EBS sends, and each write sends one.
 * Obtained from {@link AwsDriver#blockStore()}; shares the driver's clients, so closing it closes
 * nothing.
 */
public final class EbsBlockStore implements BlockStore {
  /** The EBS direct APIs' block size. */
  public static final int BLOCK_SIZE = 512 * 1024;

  private static final long GIB = 1L << 30;

  private final EbsClient ebs;
  private final AwsErrors errors;

  EbsBlockStore(EbsClient ebs, AwsErrors errors) {
    this.ebs = ebs;
    this.errors = errors;
  }

  @Override
  public int blockSize() {
    return BLOCK_SIZE;
  }

  @Override
  public Page<Block> listBlocks(String snapshotId, @Nullable String pageToken) {
    String id = AwsIds.snapshot(snapshotId);
    ListSnapshotBlocksResponse r =
        call(
            "ebs:ListSnapshotBlocks",
            id,
            () ->
                ebs.listSnapshotBlocks(
                    b -> b.snapshotId(id).nextToken(pageToken).maxResults(10_000)));
    List<Block> blocks = new ArrayList<>();
    r.blocks().forEach(b -> blocks.add(new Block(b.blockIndex(), b.blockToken())));
    return new Page<>(blocks, blankToNull(r.nextToken()));
  }

  @Override
  public Page<Block> listChangedBlocks(
      String baseSnapshotId, String snapshotId, @Nullable String pageToken) {
    String base = AwsIds.snapshot(baseSnapshotId);
    String id = AwsIds.snapshot(snapshotId);
    ListChangedBlocksResponse r =
        call(
            "ebs:ListChangedBlocks",
            id,
            () ->
                ebs.listChangedBlocks(
                    b ->
                        b.firstSnapshotId(base)
                            .secondSnapshotId(id)
                            .nextToken(pageToken)
                            .maxResults(10_000)));
    List<Block> blocks = new ArrayList<>();
    for (ChangedBlock c : r.changedBlocks()) {
      blocks.add(new Block(c.blockIndex(), c.secondBlockToken()));
    }
    return new Page<>(blocks, blankToNull(r.nextToken()));
  }

  @Override
  public BlockData readBlock(String snapshotId, Block block) {
    String id = AwsIds.snapshot(snapshotId);
    String token = block.token();
    if (token == null) {
      throw new InvalidInputException(
          "block " + block.index() + " of " + id + " is not allocated there: nothing to read");
    }
    ResponseBytes<GetSnapshotBlockResponse> r =
        call(
            "ebs:GetSnapshotBlock",
            id,
            () ->
                ebs.getSnapshotBlockAsBytes(
                    b -> b.snapshotId(id).blockIndex((int) block.index()).blockToken(token)));
    byte[] data = r.asByteArray();
    String checksum = r.response().checksum();
    // The emulator keeps no checksum; real EBS always sends one, and then it is checked.
    return checksum == null || checksum.isEmpty()
        ? BlockData.of(block.index(), data)
        : BlockData.verified(id, block.index(), data, checksum);
  }

  @Override
  public String startSnapshot(
      long volumeSizeBytes,
      @Nullable String parentSnapshotId,
      String description,
      Tags tags,
      String clientToken) {
    if (volumeSizeBytes <= 0 || volumeSizeBytes % GIB != 0) {
      throw new InvalidInputException(
          "an EBS snapshot's volume size is a whole number of GiB, not "
              + volumeSizeBytes
              + " bytes");
    }
    String parent = parentSnapshotId == null ? null : AwsIds.snapshot(parentSnapshotId);
    List<Tag> ebsTags = new ArrayList<>();
    tags.asMap().forEach((k, v) -> ebsTags.add(Tag.builder().key(k).value(v).build()));
    return call(
            "ebs:StartSnapshot",
            parent,
            () ->
                ebs.startSnapshot(
                    b -> {
                      b.volumeSize(volumeSizeBytes / GIB)
                          .description(description)
                          .clientToken(clientToken);
                      if (!ebsTags.isEmpty()) {
                        b.tags(ebsTags);
                      }
                      if (parent != null) {
                        b.parentSnapshotId(parent);
                      }
                    }))
        .snapshotId();
  }

  @Override
  public void putBlock(String snapshotId, BlockData block) {
    String id = AwsIds.snapshot(snapshotId);
    if (block.length() != BLOCK_SIZE) {
      throw new InvalidInputException(
          "EBS blocks are "
              + BLOCK_SIZE
              + " bytes; block "
              + block.index()
              + " has "
              + block.length());
    }
    byte[] data = block.data();
    call(
        "ebs:PutSnapshotBlock",
        id,
        () ->
            ebs.putSnapshotBlock(
                b ->
                    b.snapshotId(id)
                        .blockIndex((int) block.index())
                        .dataLength(data.length)
                        .checksum(block.sha256Base64())
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromBytes(data)));
  }

  @Override
  public String completeSnapshot(String snapshotId, int changedBlocks) {
    String id = AwsIds.snapshot(snapshotId);
    return call(
            "ebs:CompleteSnapshot",
            id,
            () -> ebs.completeSnapshot(b -> b.snapshotId(id).changedBlocksCount(changedBlocks)))
        .statusAsString();
  }

  private <T> T call(String action, @Nullable String id, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (software.amazon.awssdk.core.exception.SdkException e) {
      throw errors.map(e, action, id);
    }
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** Nothing to release: the driver owns the client. */
  @Override
  public void close() {}
}
