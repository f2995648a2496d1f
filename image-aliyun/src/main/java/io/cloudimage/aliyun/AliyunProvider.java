package io.cloudimage.aliyun;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.pricing.TierPrices;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.CreateRequest;
import io.cloudimage.core.provider.Page;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.core.provider.Waiter;
import io.cloudimage.core.spi.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The Alibaba Cloud client: every {@link ImageProvider} operation, plus ECS's own (families, copy
 * cancellation, forced deletion, share lists, DescribeImages filters), all run with the same
 * timeouts, retries and metrics.
 *
 * <pre>{@code
 * try (AliyunProvider ecs = AliyunProvider.open(config, AliyunCredentials.resolve(null, System.getenv(), home),
 *     SharingPolicy.defaults())) {
 *   ecs.latestInFamily("web").ifPresent(i -> System.out.println(i.nativeId()));
 * }
 * }</pre>
 */
public final class AliyunProvider extends ImageProvider {
  private final AliyunDriver ecs;

  private AliyunProvider(AliyunDriver driver, ProviderConfig config) {
    super(driver, config);
    this.ecs = driver;
  }

  /**
   * Opens a client.
   *
   * @param config the region (required here), endpoint override and call settings
   */
  public static AliyunProvider open(
      ProviderConfig config, AliyunCredentials credentials, SharingPolicy sharingPolicy) {
    refuseRole(config);
    String region = config.region();
    if (region == null) {
      throw new IllegalArgumentException("ProviderConfig.region is required for aliyun");
    }
    AliyunDriver driver =
        new AliyunDriver(
            region,
            config.endpoint(),
            credentials,
            config.callAttemptTimeout(),
            sharingPolicy,
            FamilyLimits.ECS,
            Clock.systemUTC());
    return new AliyunProvider(driver, config);
  }

  /**
   * Refuses a configuration that names a role: RAM role assumption is not implemented, and acting
   * as the caller instead would act on the wrong account.
   */
  static void refuseRole(ProviderConfig config) {
    io.cloudimage.core.provider.AssumedRole role = config.role();
    if (role != null) {
      throw new io.cloudimage.core.error.InvalidInputException(
          "the aliyun provider cannot act as role '"
              + role.id()
              + "' (RAM role assumption is not supported); remove the role, or give that account's"
              + " own AccessKey through its profile");
    }
  }

  /**
   * The shipped ECS storage prices for this region, with the service's snapshot archive rules
   * ({@link SnapshotArchiveRules#ECS}) on the archive tier, so plans never archive a snapshot too
   * early or plan a way back.
   */
  @Override
  public TierPrices tierPrices() {
    return SnapshotArchiveRules.ECS.applyTo(super.tierPrices());
  }

  /** The driver's sharing rules. */
  public SharingPolicy sharingPolicy() {
    return ecs.sharingPolicy();
  }

  /** Every image DescribeImages selects with ECS's own filters, fetched page by page. */
  public Stream<Image> images(EcsImageFilter filter) {
    return Page.stream(
        token ->
            call(
                "DescribeImages",
                Idempotence.IDEMPOTENT,
                d -> ecs.listImages(filter, AliyunDriver.MAX_PAGE, token),
                filter));
  }

  /** One image of another region. */
  public Image describeIn(String region, String imageId) {
    return call(
        "DescribeImages",
        Idempotence.IDEMPOTENT,
        d -> ecs.describeImageIn(region, imageId),
        imageId);
  }

  /** An image's progress in percent, in any region. */
  public int progress(String region, String imageId) {
    return call(
        "DescribeImages", Idempotence.IDEMPOTENT, d -> ecs.progress(region, imageId), imageId);
  }

  /** The image check's result as far as it has got. */
  public ImageCheck imageCheck(String imageId) {
    return call("DescribeImages", Idempotence.IDEMPOTENT, d -> ecs.imageCheck(imageId), imageId);
  }

  /** Polls the image check until it has an answer or {@code timeout} passes. */
  public ImageCheck awaitImageCheck(String imageId, java.time.Duration timeout) {
    return io.cloudimage.core.provider.Waiter.await(
        "image check of " + imageId,
        () -> imageCheck(imageId),
        ImageCheck::finished,
        timeout,
        io.cloudimage.core.progress.ProgressListener.NONE,
        io.cloudimage.core.progress.Cancellation.never());
  }

  /** The newest available image of a family. */
  public Optional<Image> latestInFamily(String family) {
    return call(
        "DescribeImageFromFamily", Idempotence.IDEMPOTENT, d -> ecs.latestInFamily(family), family);
  }

  /** Deprecates a family's newest image so that the family resolves to the one before. */
  public Image rollBackFamily(String family) {
    return call("RollBackFamily", Idempotence.UNSAFE, d -> ecs.rollBackFamily(family), family);
  }

  /** How many images each family holds in this region. */
  public Map<String, Integer> familySizes() {
    return call("FamilySizes", Idempotence.IDEMPOTENT, d -> ecs.familySizes());
  }

  /** Captures an image into a family, after checking the family limits. */
  public Image createImage(CreateRequest request, @Nullable String family) {
    return call(
        "CreateImage",
        Idempotence.UNSAFE,
        d -> ecs.createImage(request, family, Operation.unbounded("CreateImage")),
        request.source());
  }

  /** Captures one image from several snapshots, keyed by device. */
  public Image createImageFromSnapshots(
      Map<String, String> snapshotByDevice, CreateRequest request, @Nullable String family) {
    return call(
        "CreateImage",
        Idempotence.UNSAFE,
        d ->
            ecs.createImageFromSnapshots(
                snapshotByDevice, request, family, Operation.unbounded("CreateImage")),
        snapshotByDevice);
  }

  /**
   * Imports disks from OSS as a custom image (ImportImage), polls DescribeImages and DescribeTasks
   * until the image is available, moves it into the request's family, and waits for the image check
   * that the service runs on the guest. The whole import is bounded by {@link
   * io.cloudimage.core.provider.ProviderConfig#operationTimeout()}.
   *
   * @param listener told the import's progress in percent
   * @throws io.cloudimage.core.error.CloudImageException when the import fails, naming the task
   * @throws io.cloudimage.core.error.ProviderUnavailableException when the timeout passes first
   */
  public ImportedImage importFromOss(
      OssImport request, ProgressListener listener, Cancellation cancel) {
    Instant deadline = Instant.now().plus(config().operationTimeout());
    cancel.throwIfCancelled("ImportImage " + request.name());
    EcsImports.Started started =
        call("ImportImage", Idempotence.UNSAFE, d -> ecs.startImport(request), request.name());
    ImportState end =
        Waiter.await(
            "import of " + started.imageId(),
            () -> {
              ImportState s =
                  call(
                      "DescribeImport",
                      Idempotence.IDEMPOTENT,
                      d -> ecs.importState(started),
                      started.imageId());
              listener.onProgress(
                  new Progress("ImportImage", s.percent(), 100, "importing " + s.imageId()));
              return s;
            },
            ImportState::ended,
            left(deadline),
            ProgressListener.NONE,
            cancel);
    if (!end.available()) {
      throw new CloudImageException(
          "the import of "
              + request.disks().get(0).location()
              + " as "
              + end.imageId()
              + " failed: "
              + end
              + "; DescribeTaskAttribute "
              + end.taskId()
              + " gives the service's reason (often the disk format or a missing OSS read"
              + " permission for ECS)");
    }
    String family = request.family();
    if (family != null) {
      setFamily(end.imageId(), family);
    }
    ImageCheck check = awaitImageCheck(end.imageId(), left(deadline));
    return new ImportedImage(describe(end.imageId()), end.taskId(), check);
  }

  /** Imports disks from OSS, without progress or cancellation. */
  public ImportedImage importFromOss(OssImport request) {
    return importFromOss(request, ProgressListener.NONE, Cancellation.never());
  }

  private static Duration left(Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Moves an image into a family after checking the family limits. */
  public void setFamily(String imageId, String family) {
    call(
        "ModifyImageAttribute",
        Idempotence.IDEMPOTENT,
        d -> {
          ecs.setFamily(imageId, family);
          return Boolean.TRUE;
        },
        imageId);
  }

  /** Cancels a copy in progress. */
  public void cancelCopy(String targetRegion, String copyImageId) {
    call(
        "CancelCopyImage",
        Idempotence.IDEMPOTENT,
        d -> {
          ecs.cancelCopy(targetRegion, copyImageId);
          return Boolean.TRUE;
        },
        copyImageId);
  }

  /** Deletes an image; {@link ImageDeletion#FORCE} even while instances use it. */
  public void deleteImage(String imageId, ImageDeletion deletion) {
    call(
        "DeleteImage",
        Idempotence.IDEMPOTENT,
        d -> {
          ecs.deleteImage(imageId, deletion);
          return Boolean.TRUE;
        },
        imageId);
  }

  /** The accounts an image is shared with. */
  public List<String> sharedWith(String imageId) {
    return call(
        "DescribeImageSharePermission",
        Idempotence.IDEMPOTENT,
        d -> ecs.sharedWith(imageId),
        imageId);
  }

  /** Share calls this client made this month. */
  public int shareCallsThisMonth() {
    return ecs.callsThisMonth();
  }
}
