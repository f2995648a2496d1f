package io.cloudimage.aws;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.error.UnsupportedCapabilityException;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Sharing;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.progress.Progress;
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
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.LaunchPermissionModifications;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TargetStorageTier;
import software.amazon.awssdk.services.rbin.model.ListRulesRequest;
import software.amazon.awssdk.services.rbin.model.ListRulesResponse;
import software.amazon.awssdk.services.rbin.model.ResourceTag;
import software.amazon.awssdk.services.rbin.model.RuleSummary;

/**
 * The AWS driver: EC2 images (AMIs) and EBS snapshots over the AWS SDK for Java 2, one attempt per
 * call; {@link io.cloudimage.core.client.ImageProvider} adds timeouts, retries and metrics.
 *
 * <p>Listings use DescribeImages with server-side filters (name glob, architecture, tags,
 * deprecation) and its paging token, one page per call; nothing is pulled whole. An image is in use
 * when a pending, running, stopping or stopped instance, or any version of any launch template,
 * names it; an image shared with other accounts carries that sharing, which lifecycle policies
 * count as "use unknown". Launch configurations and Auto Scaling groups are not read.
 *
 * <p>Families come from the {@value AwsModel#FAMILY_TAG} tag; the last launch time from the image
 * (DescribeImages) or its {@code lastLaunchedTime} attribute, and is unknown when neither answers.
 */
public final class AwsDriver implements ImageDriver {
  private static final Logger LOG = LoggerFactory.getLogger(AwsDriver.class);
  private static final Duration IN_USE_FRESHNESS = Duration.ofSeconds(60);

  /** CreateStoreImageTask stores AMIs of at most 5,000 GiB. */
  static final long STORE_IMAGE_LIMIT_BYTES = 5_000L << 30;

  /** ExportImage exports disks of at most 1 TiB. */
  static final long EXPORT_IMAGE_LIMIT_BYTES = 1L << 40;

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

  private final AwsClients clients;
  private final AwsOptions options;
  private final AwsErrors errors;
  private final String region;
  private volatile @Nullable String account;
  private volatile @Nullable InUse inUseCache;

  private record InUse(Set<String> ids, long atNanos) {}

  /**
   * A driver for the configuration's region, endpoint and profile.
   *
   * @throws InvalidInputException when no region is given or found
   */
  public AwsDriver(ProviderConfig config, AwsOptions options) {
    this.clients = new AwsClients(config, options);
    this.options = options;
    this.region = clients.region.id();
    this.errors = new AwsErrors(region, clients.endpointText(), this::credentialSource);
  }

  /** Where the credentials came from, never what they are. */
  private String credentialSource() {
    return clients.credentialSource;
  }

  @Override
  public String name() {
    return "aws";
  }

  @Override
  public String region() {
    return region;
  }

  /** {@code aws:ACCOUNT:REGION}, the account asked of STS once. */
  @Override
  public String identity() {
    String a = account;
    if (a == null) {
      a = call("sts:GetCallerIdentity", null, () -> clients.sts().getCallerIdentity().account());
      account = a;
    }
    return "aws:" + a + ":" + region;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  /** The EBS direct block store over this driver's credentials and endpoint. */
  public EbsBlockStore blockStore() {
    return new EbsBlockStore(clients.ebs(), errors);
  }

  // ---- listing and describing ----

  @Override
  public Page<Image> listImages(ImageQuery query, @Nullable String pageToken) {
    DescribeImagesRequest.Builder request =
        DescribeImagesRequest.builder()
            .owners("self")
            .maxResults(Math.max(5, query.pageSize()))
            .includeDeprecated(query.includeDeprecated())
            .includeDisabled(true)
            .filters(filters(query));
    if (pageToken != null) {
      request.nextToken(pageToken);
    }
    DescribeImagesResponse response =
        call("ec2:DescribeImages", null, () -> clients.ec2().describeImages(request.build()));
    Set<String> used = pageToken == null ? freshInUse() : cachedInUse();
    List<Image> items = new ArrayList<>();
    for (software.amazon.awssdk.services.ec2.model.Image ami : response.images()) {
      Sharing sharing =
          options.listingDetail() == ListingDetail.WITH_SHARING
              ? sharing(ami.imageId())
              : Sharing.NONE;
      Image image = AwsModel.image(ami, region, used.contains(ami.imageId()), sharing, null);
      // Filters EC2 cannot apply (OS family) are applied here, on this page only.
      if (query.matches(image)) {
        items.add(image);
      }
    }
    String next = response.nextToken();
    return new Page<>(items, next == null || next.isEmpty() ? null : next);
  }

  private static List<Filter> filters(ImageQuery query) {
    List<Filter> filters = new ArrayList<>();
    if (query.namePattern() != null) {
      // EC2's name filter takes the same * and ? wildcards as the query's glob.
      filters.add(filter("name", query.namePattern()));
    }
    if (query.architecture() != null) {
      filters.add(filter("architecture", AwsModel.awsArchitecture(query.architecture())));
    }
    for (Map.Entry<String, String> tag : query.tags().asMap().entrySet()) {
      filters.add(filter("tag:" + tag.getKey(), tag.getValue()));
    }
    return filters;
  }

  private static Filter filter(String name, String... values) {
    return Filter.builder().name(name).values(values).build();
  }

  @Override
  public Page<Snapshot> listSnapshots(@Nullable String pageToken) {
    DescribeSnapshotsResponse response =
        call(
            "ec2:DescribeSnapshots",
            null,
            () ->
                clients
                    .ec2()
                    .describeSnapshots(
                        r -> {
                          r.ownerIds("self").maxResults(1000);
                          if (pageToken != null) {
                            r.nextToken(pageToken);
                          }
                        }));
    List<Snapshot> items = new ArrayList<>();
    response.snapshots().forEach(s -> items.add(AwsModel.snapshot(s, region)));
    String next = response.nextToken();
    return new Page<>(items, next == null || next.isEmpty() ? null : next);
  }

  @Override
  public Image describeImage(String imageId) {
    return describeIn(clients.ec2(), region, AwsIds.image(imageId), true);
  }

  private Image describeIn(Ec2Client ec2, String inRegion, String imageId, boolean details) {
    software.amazon.awssdk.services.ec2.model.Image ami = rawImage(ec2, imageId);
    if (!details) {
      return AwsModel.image(ami, inRegion, false, Sharing.NONE, null);
    }
    Instant launched = ami.lastLaunchedTime() != null ? null : lastLaunched(imageId);
    return AwsModel.image(
        ami, inRegion, freshInUse().contains(imageId), sharing(imageId), launched);
  }

  private software.amazon.awssdk.services.ec2.model.Image rawImage(Ec2Client ec2, String imageId) {
    DescribeImagesResponse r =
        call(
            "ec2:DescribeImages",
            imageId,
            () ->
                ec2.describeImages(
                    b -> b.imageIds(imageId).includeDeprecated(true).includeDisabled(true)));
    if (r.images().isEmpty()) {
      throw new NotFoundException(
          "AWS has no image " + imageId + " in " + region + "; list images to see the ids",
          imageId,
          null,
          null,
          null);
    }
    return r.images().get(0);
  }

  /** The attribute's last launch time, or {@code null} when AWS does not say. */
  private @Nullable Instant lastLaunched(String imageId) {
    try {
      String v =
          clients
              .ec2()
              .describeImageAttribute(
                  r -> r.imageId(imageId).attribute(ImageAttributeName.LAST_LAUNCHED_TIME))
              .lastLaunchedTime()
              .value();
      return AwsModel.instant(v);
    } catch (SdkException | NullPointerException e) {
      // Some endpoints (and the emulator) do not answer this attribute: the time is then unknown,
      // and lifecycle rules reason from the creation time.
      LOG.debug("lastLaunchedTime of {} unknown: {}", imageId, e.getMessage());
      return null;
    }
  }

  private Sharing sharing(String imageId) {
    List<LaunchPermission> perms =
        call(
                "ec2:DescribeImageAttribute",
                imageId,
                () ->
                    clients
                        .ec2()
                        .describeImageAttribute(
                            r ->
                                r.imageId(imageId).attribute(ImageAttributeName.LAUNCH_PERMISSION)))
            .launchPermissions();
    Set<String> accounts = new HashSet<>();
    Set<String> orgs = new HashSet<>();
    for (LaunchPermission p : perms) {
      if (p.userId() != null) {
        accounts.add(p.userId());
      }
      if (p.organizationArn() != null) {
        orgs.add(p.organizationArn());
      }
      if (p.organizationalUnitArn() != null) {
        orgs.add(p.organizationalUnitArn());
      }
    }
    return accounts.isEmpty() && orgs.isEmpty() ? Sharing.NONE : new Sharing(accounts, orgs);
  }

  @Override
  public Snapshot describeSnapshot(String snapshotId) {
    return AwsModel.snapshot(rawSnapshot(AwsIds.snapshot(snapshotId)), region);
  }

  private software.amazon.awssdk.services.ec2.model.Snapshot rawSnapshot(String snapshotId) {
    DescribeSnapshotsResponse r =
        call(
            "ec2:DescribeSnapshots",
            snapshotId,
            () -> clients.ec2().describeSnapshots(b -> b.snapshotIds(snapshotId)));
    if (r.snapshots().isEmpty()) {
      throw new NotFoundException(
          "AWS has no snapshot " + snapshotId + " in " + region, snapshotId, null, null, null);
    }
    return r.snapshots().get(0);
  }

  // ---- in use ----

  /**
   * Images named by a pending, running, stopping or stopped instance, or by any version of any
   * launch template of this region. Templates that resolve their image from SSM parameters at
   * launch are not followed.
   */
  @Override
  public Set<String> imagesInUse() {
    return freshInUse();
  }

  private Set<String> freshInUse() {
    Set<String> used = new HashSet<>();
    call(
        "ec2:DescribeInstances",
        null,
        () -> {
          clients
              .ec2()
              .describeInstancesPaginator(
                  r ->
                      r.filters(
                          filter(
                              "instance-state-name", "pending", "running", "stopping", "stopped")))
              .reservations()
              .stream()
              .map(Reservation::instances)
              .flatMap(List::stream)
              .forEach(i -> used.add(i.imageId()));
          return null;
        });
    List<String> templates = new ArrayList<>();
    call(
        "ec2:DescribeLaunchTemplates",
        null,
        () -> {
          clients
              .ec2()
              .describeLaunchTemplatesPaginator(r -> r.maxResults(200))
              .launchTemplates()
              .stream()
              .map(LaunchTemplate::launchTemplateId)
              .forEach(templates::add);
          return null;
        });
    for (String template : templates) {
      call(
          "ec2:DescribeLaunchTemplateVersions",
          template,
          () -> {
            clients
                .ec2()
                .describeLaunchTemplateVersionsPaginator(r -> r.launchTemplateId(template))
                .launchTemplateVersions()
                .stream()
                .map(LaunchTemplateVersion::launchTemplateData)
                .filter(d -> d != null && d.imageId() != null)
                .forEach(d -> used.add(d.imageId()));
            return null;
          });
    }
    used.remove(null);
    Set<String> result = Set.copyOf(used);
    inUseCache = new InUse(result, System.nanoTime());
    return result;
  }

  /** The in-use set of the listing under way, fetched again when older than a minute. */
  private Set<String> cachedInUse() {
    InUse c = inUseCache;
    if (c == null || System.nanoTime() - c.atNanos() > IN_USE_FRESHNESS.toNanos()) {
      return freshInUse();
    }
    return c.ids();
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
    String source = request.source();
    String token =
        ClientTokens.of(
            "CreateImage",
            source,
            request.name(),
            request.description(),
            request.tags().asMap(),
            request.noReboot());
    Tags tags = request.tags().with(AwsModel.TOKEN_TAG, token);
    List<Tag> awsTags = AwsModel.awsTags(tags);
    // A resumed run finds what its first attempt made: same name, same token.
    Optional<String> earlier = madeBy(request.name(), token);
    if (earlier.isPresent()) {
      return describeIn(clients.ec2(), region, earlier.get(), false);
    }
    String imageId;
    try {
      if (AwsIds.isInstance(source)) {
        imageId =
            call(
                    "ec2:CreateImage",
                    source,
                    () ->
                        clients
                            .ec2()
                            .createImage(
                                r ->
                                    r.instanceId(source)
                                        .name(request.name())
                                        .description(request.description())
                                        .noReboot(request.noReboot())
                                        .tagSpecifications(tagSpec(ResourceType.IMAGE, awsTags))))
                .imageId();
      } else if (AwsIds.isSnapshot(source)) {
        software.amazon.awssdk.services.ec2.model.Snapshot snap = rawSnapshot(source);
        Architecture arch =
            request
                .tags()
                .get("cloudimage:architecture")
                .map(Architecture::parse)
                .orElse(Architecture.X86_64);
        imageId =
            call(
                    "ec2:RegisterImage",
                    source,
                    () ->
                        clients
                            .ec2()
                            .registerImage(
                                r ->
                                    r.name(request.name())
                                        .description(request.description())
                                        .architecture(AwsModel.awsArchitecture(arch))
                                        .rootDeviceName("/dev/xvda")
                                        .virtualizationType("hvm")
                                        .enaSupport(true)
                                        .blockDeviceMappings(
                                            BlockDeviceMapping.builder()
                                                .deviceName("/dev/xvda")
                                                .ebs(
                                                    e ->
                                                        e.snapshotId(source)
                                                            .volumeSize(snap.volumeSize())
                                                            .volumeType("gp3")
                                                            .deleteOnTermination(true))
                                                .build())
                                        .tagSpecifications(tagSpec(ResourceType.IMAGE, awsTags))))
                .imageId();
        ensureTagged(imageId, tags);
      } else {
        throw new InvalidInputException(
            "'"
                + source
                + "' is neither an instance id (i-…) nor a snapshot id (snap-…) to make an image"
                + " from");
      }
    } catch (ConflictException e) {
      if (!"InvalidAMIName.Duplicate".equals(e.errorCode())) {
        throw e;
      }
      imageId = repeatOf(request.name(), token, e);
    }
    operation.progress(new Progress(operation.name() + " " + request.name(), 1, 1, imageId));
    return describeIn(clients.ec2(), region, imageId, false);
  }

  private static TagSpecification tagSpec(ResourceType type, List<Tag> tags) {
    return TagSpecification.builder().resourceType(type).tags(tags).build();
  }

  /** The image of this name that a request with this token made, if any. */
  private Optional<String> madeBy(String name, String token) {
    DescribeImagesResponse same =
        call(
            "ec2:DescribeImages",
            null,
            () ->
                clients
                    .ec2()
                    .describeImages(
                        r ->
                            r.owners("self")
                                .includeDeprecated(true)
                                .includeDisabled(true)
                                .filters(
                                    filter("name", name),
                                    filter("tag:" + AwsModel.TOKEN_TAG, token))));
    return same.images().stream()
        .filter(ami -> !"deregistered".equals(ami.stateAsString()))
        .map(software.amazon.awssdk.services.ec2.model.Image::imageId)
        .findFirst();
  }

  /**
   * Tags an image registered with tag specifications when the endpoint did not apply them (some
   * emulators ignore them on RegisterImage), so that the token tag is always there.
   */
  private void ensureTagged(String imageId, Tags tags) {
    Tags actual = AwsModel.tags(rawImage(clients.ec2(), imageId).tags());
    if (!actual.asMap().entrySet().containsAll(tags.asMap().entrySet())) {
      tag(imageId, tags, Set.of());
    }
  }

  /** The image an earlier attempt of the same request made, or the duplicate-name conflict. */
  private String repeatOf(String name, String token, ConflictException duplicate) {
    Optional<String> earlier = madeBy(name, token);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    throw new ConflictException(
        "an image named '"
            + name
            + "' already exists in "
            + region
            + " and was not made by this request; choose another name",
        duplicate.errorCode(),
        duplicate.requestId(),
        false,
        duplicate);
  }

  /**
   * Copies an image to a region (CopyImage, called in the destination region), encrypted with the
   * request's KMS key when it names one. The {@code ClientToken} is derived from the request, so a
   * repeated request answers with the first copy.
   */
  @Override
  public Image copyImage(CopyRequest request, Operation operation) {
    String source = AwsIds.image(request.sourceImageId());
    if (request.targetAccount() != null) {
      throw new UnsupportedCapabilityException(
          "the aws provider copies into the caller's account only: share "
              + source
              + " with "
              + request.targetAccount()
              + " and copy it with a provider opened on that account's role");
    }
    String token =
        ClientTokens.of(
            "CopyImage",
            source,
            region,
            request.targetRegion(),
            request.name(),
            request.kmsKeyId());
    Ec2Client target = clients.ec2(request.targetRegion());
    String kms = request.kmsKeyId();
    String copyId =
        call(
                "ec2:CopyImage",
                source,
                () ->
                    target.copyImage(
                        r -> {
                          r.sourceImageId(source)
                              .sourceRegion(region)
                              .name(request.name())
                              .clientToken(token)
                              .copyImageTags(true);
                          if (kms != null) {
                            r.encrypted(true).kmsKeyId(kms);
                          }
                        }))
            .imageId();
    operation.progress(new Progress(operation.name() + " " + source, 1, 1, copyId));
    return describeIn(target, request.targetRegion(), copyId, false);
  }

  // ---- retiring ----

  @Override
  public void deprecate(String imageId, Instant at) {
    String id = AwsIds.image(imageId);
    call(
        "ec2:EnableImageDeprecation",
        id,
        () -> clients.ec2().enableImageDeprecation(r -> r.imageId(id).deprecateAt(at)));
  }

  @Override
  public void undeprecate(String imageId) {
    String id = AwsIds.image(imageId);
    call(
        "ec2:DisableImageDeprecation",
        id,
        () -> clients.ec2().disableImageDeprecation(r -> r.imageId(id)));
  }

  @Override
  public void disable(String imageId) {
    String id = AwsIds.image(imageId);
    call("ec2:DisableImage", id, () -> clients.ec2().disableImage(r -> r.imageId(id)));
  }

  @Override
  public void enable(String imageId) {
    String id = AwsIds.image(imageId);
    call("ec2:EnableImage", id, () -> clients.ec2().enableImage(r -> r.imageId(id)));
  }

  @Override
  public void protect(String imageId) {
    String id = AwsIds.image(imageId);
    call(
        "ec2:EnableImageDeregistrationProtection",
        id,
        () -> clients.ec2().enableImageDeregistrationProtection(r -> r.imageId(id)));
  }

  @Override
  public void unprotect(String imageId) {
    String id = AwsIds.image(imageId);
    call(
        "ec2:DisableImageDeregistrationProtection",
        id,
        () -> clients.ec2().disableImageDeregistrationProtection(r -> r.imageId(id)));
  }

  /**
   * Deregisters an image, then (with {@link DeregisterOptions#DELETE_SNAPSHOTS}) deletes each
   * backing snapshot that no other image uses: EC2 refuses the others with {@code
   * InvalidSnapshot.InUse}, and they are kept.
   *
   * @throws ConflictException when deregistration protection is on, or an instance runs from it
   */
  @Override
  public void deregister(String imageId, DeregisterOptions options) {
    String id = AwsIds.image(imageId);
    software.amazon.awssdk.services.ec2.model.Image ami = rawImage(clients.ec2(), id);
    String protection = ami.deregistrationProtection();
    if (protection != null && protection.startsWith("enabled")) {
      throw new ConflictException(
          "image " + id + " has deregistration protection on; turn it off first (unprotect)");
    }
    boolean running =
        !call(
                "ec2:DescribeInstances",
                id,
                () ->
                    clients
                        .ec2()
                        .describeInstances(
                            r ->
                                r.filters(
                                    filter("image-id", id),
                                    filter(
                                        "instance-state-name",
                                        "pending",
                                        "running",
                                        "stopping",
                                        "stopped"))))
            .reservations()
            .stream()
            .allMatch(r -> r.instances().isEmpty());
    if (running) {
      throw new ConflictException(
          "image " + id + " is in use by instances; stop using it before deregistering");
    }
    call("ec2:DeregisterImage", id, () -> clients.ec2().deregisterImage(r -> r.imageId(id)));
    if (!options.deletesSnapshots()) {
      return;
    }
    for (String snapshot : AwsModel.snapshotIds(ami)) {
      try {
        deleteSnapshot(snapshot);
      } catch (ConflictException inUse) {
        // EC2 refuses to delete a snapshot another image still uses (InvalidSnapshot.InUse): that
        // refusal is the authoritative check, made atomically by the service.
        LOG.info("keeping snapshot {}: {}", snapshot, inUse.getMessage());
      } catch (NotFoundException gone) {
        LOG.debug("snapshot {} already gone", snapshot);
      }
    }
  }

  @Override
  public void deleteSnapshot(String snapshotId) {
    String id = AwsIds.snapshot(snapshotId);
    call("ec2:DeleteSnapshot", id, () -> clients.ec2().deleteSnapshot(r -> r.snapshotId(id)));
  }

  // ---- tags and sharing ----

  @Override
  public void tag(String resourceId, Tags add, Set<String> remove) {
    String id = AwsIds.resource(resourceId);
    if (!add.isEmpty()) {
      call(
          "ec2:CreateTags",
          id,
          () -> clients.ec2().createTags(r -> r.resources(id).tags(AwsModel.awsTags(add))));
    }
    if (!remove.isEmpty()) {
      List<Tag> keys = remove.stream().map(k -> Tag.builder().key(k).build()).toList();
      call("ec2:DeleteTags", id, () -> clients.ec2().deleteTags(r -> r.resources(id).tags(keys)));
    }
  }

  /**
   * Adds launch permissions: 12-digit account ids, organisation ARNs ({@code
   * arn:aws:organizations::…:organization/o-…}) or organisational-unit ARNs ({@code …:ou/…}).
   */
  @Override
  public void share(String imageId, Set<String> accounts) {
    modifyLaunchPermissions(
        imageId, LaunchPermissionModifications.builder().add(permissions(accounts)).build());
  }

  @Override
  public void unshare(String imageId, Set<String> accounts) {
    modifyLaunchPermissions(
        imageId, LaunchPermissionModifications.builder().remove(permissions(accounts)).build());
  }

  private void modifyLaunchPermissions(String imageId, LaunchPermissionModifications change) {
    String id = AwsIds.image(imageId);
    call(
        "ec2:ModifyImageAttribute",
        id,
        () -> clients.ec2().modifyImageAttribute(r -> r.imageId(id).launchPermission(change)));
  }

  private static List<LaunchPermission> permissions(Set<String> grantees) {
    List<LaunchPermission> perms = new ArrayList<>();
    for (String g : grantees) {
      if (g.startsWith("arn:") && g.contains(":organization/")) {
        perms.add(LaunchPermission.builder().organizationArn(g).build());
      } else if (g.startsWith("arn:") && g.contains(":ou/")) {
        perms.add(LaunchPermission.builder().organizationalUnitArn(g).build());
      } else {
        perms.add(LaunchPermission.builder().userId(AwsIds.account(g)).build());
      }
    }
    return perms;
  }

  // ---- tiers ----

  /**
   * Archives a snapshot (ModifySnapshotTier) or restores it permanently (RestoreSnapshotTier). EBS
   * snapshots have a standard tier ({@link StorageTier#HOT}) and an archive tier only.
   */
  @Override
  public void moveTier(String resourceId, StorageTier tier, Operation operation) {
    String id = snapshotForTier(resourceId);
    if (tier == StorageTier.ARCHIVE) {
      call(
          "ec2:ModifySnapshotTier",
          id,
          () ->
              clients
                  .ec2()
                  .modifySnapshotTier(
                      r -> r.snapshotId(id).storageTier(TargetStorageTier.ARCHIVE)));
    } else if (tier == StorageTier.HOT) {
      call(
          "ec2:RestoreSnapshotTier",
          id,
          () -> clients.ec2().restoreSnapshotTier(r -> r.snapshotId(id).permanentRestore(true)));
    } else {
      throw new InvalidInputException(
          "EBS snapshots have the standard (hot) and archive tiers only, not " + tier.id());
    }
    operation.progress(new Progress(operation.name() + " " + id, 1, 1, tier.id()));
  }

  /** Restores an archived snapshot for {@code keepFor}, rounded up to whole days (1..180). */
  @Override
  public void restoreTier(String resourceId, Duration keepFor, Operation operation) {
    String id = snapshotForTier(resourceId);
    long days = Math.max(1, (keepFor.toHours() + 23) / 24);
    if (days > 180) {
      throw new InvalidInputException(
          "a temporary restore of an archived EBS snapshot lasts 1 to 180 days, not " + days);
    }
    int d = (int) days;
    call(
        "ec2:RestoreSnapshotTier",
        id,
        () -> clients.ec2().restoreSnapshotTier(r -> r.snapshotId(id).temporaryRestoreDays(d)));
    operation.progress(new Progress(operation.name() + " " + id, 1, 1, "restoring"));
  }

  private static String snapshotForTier(String resourceId) {
    if (AwsIds.isImage(resourceId)) {
      throw new InvalidInputException(
          "AWS archives snapshots, not images: move the tier of "
              + resourceId
              + "'s snapshots after deregistering it");
    }
    return AwsIds.snapshot(resourceId);
  }

  // ---- export ----

  /**
   * Exports an image to S3: {@code raw}, {@code vmdk} or {@code vhd} with ExportImage (through the
   * {@code vmimport} service role), or {@code ami} with CreateStoreImageTask. Size limits are
   * checked before calling.
   */
  @Override
  public void exportImage(ExportRequest request, Operation operation) {
    String id = AwsIds.image(request.imageId());
    URI target = request.target();
    if (!"s3".equals(target.getScheme()) || target.getHost() == null) {
      throw new InvalidInputException(
          "the aws provider exports to s3://BUCKET/PREFIX, not " + target);
    }
    String bucket = target.getHost();
    String prefix = target.getPath() == null ? "" : target.getPath().replaceFirst("^/", "");
    String format = request.format().toLowerCase(Locale.ROOT);
    Image image = describeIn(clients.ec2(), region, id, false);
    if (format.equals("ami")) {
      checkSize(image, STORE_IMAGE_LIMIT_BYTES, "CreateStoreImageTask");
      call(
          "ec2:CreateStoreImageTask",
          id,
          () -> clients.ec2().createStoreImageTask(r -> r.imageId(id).bucket(bucket)));
    } else if (format.equals("raw") || format.equals("vmdk") || format.equals("vhd")) {
      checkSize(image, EXPORT_IMAGE_LIMIT_BYTES, "ExportImage");
      String token = ClientTokens.of("ExportImage", id, target, format);
      call(
          "ec2:ExportImage",
          id,
          () ->
              clients
                  .ec2()
                  .exportImage(
                      r ->
                          r.imageId(id)
                              .diskImageFormat(format.toUpperCase(Locale.ROOT))
                              .s3ExportLocation(s -> s.s3Bucket(bucket).s3Prefix(prefix))
                              .clientToken(token)));
    } else {
      throw new InvalidInputException(
          "the aws provider exports raw, vmdk, vhd or ami (CreateStoreImageTask), not "
              + request.format());
    }
    operation.progress(new Progress(operation.name() + " " + id, 1, 1, "started"));
  }

  private static void checkSize(Image image, long limit, String action) {
    if (image.storage().sizeBytes() > limit) {
      throw new InvalidInputException(
          "image "
              + image.nativeId()
              + " holds "
              + (image.storage().sizeBytes() >> 30)
              + " GiB; "
              + action
              + " takes at most "
              + (limit >> 30)
              + " GiB");
    }
  }

  // ---- recycle bin ----

  /**
   * The longest retention of the Recycle Bin rules that cover the resource (rules without resource
   * tags cover every resource of their type unless an exclusion tag matches; tagged rules cover
   * resources carrying one of their tags), or empty when none does and deletion is final.
   */
  @Override
  public Optional<Duration> recoveryWindow(String resourceId) {
    String id = AwsIds.resource(resourceId);
    boolean image = AwsIds.isImage(id);
    Tags tags =
        image
            ? AwsModel.tags(rawImage(clients.ec2(), id).tags())
            : AwsModel.tags(rawSnapshot(id).tags());
    String type = image ? "EC2_IMAGE" : "EBS_SNAPSHOT";
    Duration best = null;
    String token = null;
    do {
      String t = token;
      ListRulesResponse page =
          call(
              "rbin:ListRules",
              id,
              () ->
                  clients
                      .rbin()
                      .listRules(
                          ListRulesRequest.builder().resourceType(type).nextToken(t).build()));
      for (RuleSummary rule : page.rules()) {
        if (rule.retentionPeriod() == null || !covers(rule, tags)) {
          continue;
        }
        Duration d = Duration.ofDays(rule.retentionPeriod().retentionPeriodValue());
        if (best == null || d.compareTo(best) > 0) {
          best = d;
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return Optional.ofNullable(best);
  }

  private boolean covers(RuleSummary summary, Tags tags) {
    // ListRules filtered by resource tags is a server-side match; the summary lacks the tags, so
    // each rule is read once to see whether it is a region-wide rule or a tagged one.
    var rule =
        call(
            "rbin:GetRule",
            summary.identifier(),
            () -> clients.rbin().getRule(r -> r.identifier(summary.identifier())));
    if (!"available".equalsIgnoreCase(rule.statusAsString())) {
      return false;
    }
    for (ResourceTag ex : rule.excludeResourceTags()) {
      if (matches(ex, tags)) {
        return false;
      }
    }
    if (rule.resourceTags().isEmpty()) {
      return true;
    }
    return rule.resourceTags().stream().anyMatch(t -> matches(t, tags));
  }

  private static boolean matches(ResourceTag tag, Tags tags) {
    Optional<String> v = tags.get(tag.resourceTagKey());
    return v.isPresent()
        && (tag.resourceTagValue() == null
            || tag.resourceTagValue().isEmpty()
            || tag.resourceTagValue().equals(v.get()));
  }

  // ---- plumbing ----

  /** Runs one SDK call, mapping its failure onto the cloudimage hierarchy. */
  <T> T call(String action, @Nullable String resourceId, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw errors.map(e, action, resourceId);
    } catch (CloudImageException e) {
      throw e;
    }
  }

  @Override
  public void close() {
    clients.close();
  }
}
