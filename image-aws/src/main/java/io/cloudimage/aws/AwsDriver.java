package io.cloudimage.aws;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.provider.Capabilities;
import io.cloudimage.core.provider.Capability;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.CreateRequest;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ExportRequest;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.Page;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.core.spi.ImageDriver;
import io.cloudimage.core.spi.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.ec2.model.OperationType;

/**
 * The AWS driver: EC2 images (AMIs) and EBS snapshots over the AWS SDK for Java 2, one attempt per
 * call; {@link io.cloudimage.core.client.ImageProvider} adds timeouts, retries and metrics.
 *
 * <p>Listings use DescribeImages with server-side filters (name glob, architecture, tags,
 * deprecation) and its paging token, one page per call; nothing is pulled whole. An image is in use
 * when a pending, running, stopping or stopped instance, any version of any launch template, or any
 * launch configuration names it (which covers what Auto Scaling groups launch); an image shared
 * with other accounts carries that sharing, which lifecycle policies count as "use unknown".
 *
 * <p>Families come from the {@value AwsModel#FAMILY_TAG} tag; the last launch time from the image
 * (DescribeImages) or its {@code lastLaunchedTime} attribute, and is unknown when neither answers.
 *
 * <p>Each job has its own class: {@link ImageInventory}, {@link ImagesInUse}, {@link
 * ImageCreation}, {@link ImageRetirement}, {@link ImageSharing}, {@link ImageExport}, {@link
 * RecycleBinRules}, {@link SnapshotCopies}, {@link DiskImports}; {@link AwsErrors} maps failures.
 * This class wires them to the driver SPI.
 */
public final class AwsDriver implements ImageDriver {
  private static final Capabilities CAPABILITIES =
      Capabilities.of(
          Capability.LIST_IMAGES,
          Capability.LIST_SNAPSHOTS,
          Capability.CREATE_IMAGE,
          Capability.COPY_IMAGE,
          Capability.REENCRYPT,
          Capability.DEPRECATE,
          Capability.DISABLE,
          Capability.DEREGISTRATION_PROTECTION,
          Capability.DEREGISTER,
          Capability.DELETE_SNAPSHOT,
          Capability.TAG,
          Capability.SHARE,
          Capability.MOVE_TIER,
          Capability.RESTORE_TIER,
          Capability.EXPORT,
          Capability.IN_USE,
          Capability.RECYCLE_BIN,
          Capability.BLOCK_READ);

  private final AwsCalls aws;
  private final ImagesInUse inUse;
  private final ImageInventory inventory;
  private final ImageSharing sharing;
  private final ImageCreation creation;
  private final ImageRetirement retirement;
  private final ImageExport export;
  private final RecycleBinRules recycleBin;
  private final SnapshotCopies snapshotCopies;
  private final DiskImports imports;
  private volatile @Nullable String account;

  /**
   * A driver for the configuration's region, endpoint and profile.
   *
   * @throws InvalidInputException when no region is given or found
   */
  public AwsDriver(ProviderConfig config, AwsOptions options) {
    this.aws = new AwsCalls(new AwsClients(config, options));
    this.inUse = new ImagesInUse(aws);
    this.inventory = new ImageInventory(aws, inUse, options.listingDetail());
    this.sharing = new ImageSharing(aws);
    this.creation = new ImageCreation(aws, inventory, sharing);
    this.retirement = new ImageRetirement(aws);
    this.export = new ImageExport(aws, inventory);
    this.recycleBin = new RecycleBinRules(aws);
    this.snapshotCopies = new SnapshotCopies(aws);
    this.imports = new DiskImports(aws, inventory);
  }

  @Override
  public String name() {
    return "aws";
  }

  @Override
  public String region() {
    return aws.region;
  }

  /** {@code aws:ACCOUNT:REGION}, the account asked of STS once. */
  @Override
  public String identity() {
    String a = account;
    if (a == null) {
      a =
          aws.call(
              "sts:GetCallerIdentity", null, () -> aws.clients.sts().getCallerIdentity().account());
      account = a;
    }
    return "aws:" + a + ":" + aws.region;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  /** The EBS direct block store over this driver's credentials and endpoint. */
  public EbsBlockStore blockStore() {
    return new EbsBlockStore(aws.clients.ebs(), aws.errors);
  }

  // ---- listing and describing ----

  @Override
  public Page<Image> listImages(ImageQuery query, @Nullable String pageToken) {
    return inventory.listImages(query, pageToken);
  }

  @Override
  public Page<Snapshot> listSnapshots(@Nullable String pageToken) {
    return inventory.listSnapshots(pageToken);
  }

  @Override
  public Image describeImage(String imageId) {
    return inventory.describeImage(imageId);
  }

  @Override
  public Snapshot describeSnapshot(String snapshotId) {
    return inventory.describeSnapshot(snapshotId);
  }

  /** See {@link ImagesInUse}. */
  @Override
  public Set<String> imagesInUse() {
    return inUse.fresh();
  }

  // ---- creating and copying ----

  /**
   * Captures an image from an instance ({@code i-…}, CreateImage) or registers one from a snapshot
   * ({@code snap-…}, RegisterImage: the recovery path from a known-good snapshot; the architecture
   * comes from the request's {@code cloudimage:architecture} tag, x86_64 when absent). The
   * request's token is stored as the {@value AwsModel#TOKEN_TAG} tag: sent again, the request
   * answers with the image the first attempt made.
   */
  @Override
  public Image createImage(CreateRequest request, Operation operation) {
    return creation.createImage(request, operation);
  }

  /**
   * Copies an image to a region (CopyImage, called in the destination region), encrypted with the
   * request's KMS key when it names one. The {@code ClientToken} is derived from the request, so a
   * repeated request answers with the first copy.
   */
  @Override
  public Image copyImage(CopyRequest request, Operation operation) {
    return creation.copyImage(request, operation);
  }

  // ---- retiring ----

  @Override
  public void deprecate(String imageId, Instant at) {
    retirement.deprecate(imageId, at);
  }

  @Override
  public void undeprecate(String imageId) {
    retirement.undeprecate(imageId);
  }

  @Override
  public void disable(String imageId) {
    retirement.disable(imageId);
  }

  @Override
  public void enable(String imageId) {
    retirement.enable(imageId);
  }

  @Override
  public void protect(String imageId) {
    retirement.protect(imageId);
  }

  @Override
  public void unprotect(String imageId) {
    retirement.unprotect(imageId);
  }

  /**
   * Deregisters an image, then (with {@link DeregisterOptions#DELETE_SNAPSHOTS}) deletes each
   * backing snapshot that no other image uses: EC2 refuses the others with {@code
   * InvalidSnapshot.InUse}, and they are kept.
   *
   * @throws io.cloudimage.core.error.ConflictException when deregistration protection is on, or an
   *     instance runs from it
   */
  @Override
  public void deregister(String imageId, DeregisterOptions options) {
    retirement.deregister(imageId, options);
  }

  @Override
  public void deleteSnapshot(String snapshotId) {
    retirement.deleteSnapshot(snapshotId);
  }

  /**
   * Archives a snapshot (ModifySnapshotTier) or restores it permanently (RestoreSnapshotTier). EBS
   * snapshots have a standard tier ({@link StorageTier#HOT}) and an archive tier only.
   */
  @Override
  public void moveTier(String resourceId, StorageTier tier, Operation operation) {
    retirement.moveTier(resourceId, tier, operation);
  }

  /** Restores an archived snapshot for {@code keepFor}, rounded up to whole days (1..180). */
  @Override
  public void restoreTier(String resourceId, Duration keepFor, Operation operation) {
    retirement.restoreTier(resourceId, keepFor, operation);
  }

  // ---- tags and sharing ----

  @Override
  public void tag(String resourceId, Tags add, Set<String> remove) {
    sharing.tag(resourceId, add, remove);
  }

  /**
   * Adds launch permissions: 12-digit account ids, organisation ARNs ({@code
   * arn:aws:organizations::…:organization/o-…}) or organisational-unit ARNs ({@code …:ou/…}).
   */
  @Override
  public void share(String imageId, Set<String> accounts) {
    sharing.share(imageId, accounts);
  }

  @Override
  public void unshare(String imageId, Set<String> accounts) {
    sharing.unshare(imageId, accounts);
  }

  /**
   * Lets more accounts create volumes from a snapshot (ModifySnapshotAttribute {@code
   * createVolumePermission} add): 12-digit account ids, or {@value SnapshotPermissions#PUBLIC} to
   * make it public.
   *
   * @throws InvalidInputException when a grantee is neither
   */
  public void shareSnapshot(String snapshotId, Set<String> grantees) {
    sharing.shareSnapshot(snapshotId, grantees, OperationType.ADD);
  }

  /** Takes create-volume permissions away from accounts or the public group. */
  public void unshareSnapshot(String snapshotId, Set<String> grantees) {
    sharing.shareSnapshot(snapshotId, grantees, OperationType.REMOVE);
  }

  /** Who besides the owner may create volumes from a snapshot. */
  public SnapshotPermissions snapshotPermissions(String snapshotId) {
    return sharing.snapshotPermissions(snapshotId);
  }

  /**
   * Copies a snapshot to a region (CopySnapshot, called in the destination region), re-encrypted
   * with the request's KMS key when it names one; answers with the copy, usually still pending. The
   * request's token tags the copy, so the same request sent again answers with the first copy.
   */
  public Snapshot copySnapshot(SnapshotCopy request, Operation operation) {
    return snapshotCopies.copy(request, operation);
  }

  /**
   * Imports a disk image from S3 as an image (ImportImage) and waits for the task, reporting its
   * percentage; the request's {@code ClientToken} makes a repeated request find the first task.
   *
   * @throws io.cloudimage.core.error.ProviderException when the task fails, naming EC2's message
   * @throws io.cloudimage.core.error.ProviderUnavailableException when the operation's deadline
   *     passes first
   */
  public Image importImage(S3DiskImport request, Operation operation) {
    return imports.importImage(request, operation);
  }

  /**
   * Imports a single disk from S3 as an EBS snapshot (ImportSnapshot) and waits for the task, as
   * {@link #importImage(S3DiskImport, Operation)} does.
   *
   * @throws InvalidInputException for an {@code ova}, which holds several disks
   */
  public Snapshot importSnapshot(S3DiskImport request, Operation operation) {
    return imports.importSnapshot(request, operation);
  }

  // ---- export and recycle bin ----

  /**
   * Exports an image to S3: {@code raw}, {@code vmdk} or {@code vhd} with ExportImage (through the
   * {@code vmimport} service role), or {@code ami} with CreateStoreImageTask. Size limits are
   * checked before calling.
   */
  @Override
  public void exportImage(ExportRequest request, Operation operation) {
    export.exportImage(request, operation);
  }

  /**
   * The longest retention of the Recycle Bin rules that cover the resource (rules without resource
   * tags cover every resource of their type unless an exclusion tag matches; tagged rules cover
   * resources carrying one of their tags), or empty when none does and deletion is final.
   */
  @Override
  public Optional<Duration> recoveryWindow(String resourceId) {
    return recycleBin.recoveryWindow(resourceId);
  }

  @Override
  public void close() {
    aws.clients.close();
  }
}
