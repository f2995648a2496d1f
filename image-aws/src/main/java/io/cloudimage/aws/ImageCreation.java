package io.cloudimage.aws;

import static io.cloudimage.aws.AwsCalls.filter;

import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.UnsupportedCapabilityException;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.CreateRequest;
import io.cloudimage.core.spi.Operation;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Making images: CreateImage from an instance, RegisterImage from a snapshot, CopyImage to a
 * region. Every creating call is idempotent: the request's {@link ClientTokens token} goes in the
 * {@code ClientToken} parameter, or, where the call has none, in the {@value AwsModel#TOKEN_TAG}
 * tag, so a run resumed after a crash finds what its first attempt made.
 */
final class ImageCreation {
  /**
   * The tag holding a copy's idempotency token. It is not {@value AwsModel#TOKEN_TAG}: CopyImage
   * copies the source's tags, and a source made by CreateImage carries that one.
   */
  static final String COPY_TOKEN_TAG = "cloudimage:copy-token";

  private final AwsCalls aws;
  private final ImageInventory inventory;
  private final ImageSharing sharing;

  ImageCreation(AwsCalls aws, ImageInventory inventory, ImageSharing sharing) {
    this.aws = aws;
    this.inventory = inventory;
    this.sharing = sharing;
  }

  /**
   * Captures an image from an instance ({@code i-…}, CreateImage) or registers one from a snapshot
   * ({@code snap-…}, RegisterImage: the recovery path from a known-good snapshot; the architecture
   * comes from the request's {@code cloudimage:architecture} tag, x86_64 when absent). The
   * request's token is stored as the {@value AwsModel#TOKEN_TAG} tag: sent again, the request
   * answers with the image the first attempt made.
   */
  Image createImage(CreateRequest request, Operation operation) {
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
      return inventory.describeIn(aws.ec2(), aws.region, earlier.get(), false);
    }
    String imageId;
    try {
      if (AwsIds.isInstance(source)) {
        imageId =
            aws.call(
                    "ec2:CreateImage",
                    source,
                    () ->
                        aws.clients
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
        software.amazon.awssdk.services.ec2.model.Snapshot snap = aws.rawSnapshot(source);
        Architecture arch =
            request
                .tags()
                .get("cloudimage:architecture")
                .map(Architecture::parse)
                .orElse(Architecture.X86_64);
        imageId =
            aws.call(
                    "ec2:RegisterImage",
                    source,
                    () ->
                        aws.clients
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
    return inventory.describeIn(aws.ec2(), aws.region, imageId, false);
  }

  private static TagSpecification tagSpec(ResourceType type, List<Tag> tags) {
    return TagSpecification.builder().resourceType(type).tags(tags).build();
  }

  /** The image of this name that a request with this token made, if any. */
  private Optional<String> madeBy(String name, String token) {
    DescribeImagesResponse same =
        aws.call(
            "ec2:DescribeImages",
            null,
            () ->
                aws.clients
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
    Tags actual = AwsModel.tags(aws.rawImage(aws.ec2(), imageId).tags());
    if (!actual.asMap().entrySet().containsAll(tags.asMap().entrySet())) {
      sharing.tag(imageId, tags, Set.of());
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
            + aws.region
            + " and was not made by this request; choose another name",
        duplicate.errorCode(),
        duplicate.requestId(),
        false,
        duplicate);
  }

  /**
   * Copies an image to a region (CopyImage, called in the destination region), encrypted with the
   * request's KMS key when it names one.
   *
   * <p>The copy is idempotent under the request's {@linkplain CopyRequest#clientToken() token}, or
   * a token derived from the request when it gives none. The token goes in CopyImage's {@code
   * ClientToken} (EC2 answers a repeat with the first copy) and, in the same call, in the copy's
   * {@value #COPY_TOKEN_TAG} tag; a repeated request first looks for an image of the target region
   * carrying that tag and answers with it. The tag covers endpoints that ignore {@code ClientToken}
   * and the token's expiry; a copy into another account is made by a provider acting as that
   * account, whose own lookup and {@code ClientToken} then hold in that account.
   */
  Image copyImage(CopyRequest request, Operation operation) {
    String source = AwsIds.image(request.sourceImageId());
    if (request.targetAccount() != null) {
      throw new UnsupportedCapabilityException(
          "the aws provider copies into the caller's account only: share "
              + source
              + " with "
              + request.targetAccount()
              + " and copy it with a provider opened on that account's role");
    }
    String given = request.clientToken();
    String token =
        given != null
            ? given
            : ClientTokens.of(
                "CopyImage",
                source,
                aws.region,
                request.targetRegion(),
                request.name(),
                request.kmsKeyId());
    Ec2Client target = aws.clients.ec2(request.targetRegion());
    Optional<String> earlier = copiedWith(target, token);
    String copyId;
    if (earlier.isPresent()) {
      copyId = earlier.get();
    } else {
      operation.throwIfCancelled();
      Tag tokenTag = Tag.builder().key(COPY_TOKEN_TAG).value(token).build();
      String kms = request.kmsKeyId();
      copyId =
          aws.call(
                  "ec2:CopyImage",
                  source,
                  () ->
                      target.copyImage(
                          r -> {
                            r.sourceImageId(source)
                                .sourceRegion(aws.region)
                                .name(request.name())
                                .clientToken(token)
                                .copyImageTags(true)
                                .tagSpecifications(tagSpec(ResourceType.IMAGE, List.of(tokenTag)));
                            if (kms != null) {
                              r.encrypted(true).kmsKeyId(kms);
                            }
                          }))
              .imageId();
      ensureTokenTag(target, copyId, tokenTag);
    }
    operation.progress(new Progress(operation.name() + " " + source, 1, 1, copyId));
    return inventory.describeIn(target, request.targetRegion(), copyId, false);
  }

  /** The image of the target region a copy with this token made, unless it failed or is gone. */
  private Optional<String> copiedWith(Ec2Client target, String token) {
    DescribeImagesResponse same =
        aws.call(
            "ec2:DescribeImages",
            null,
            () ->
                target.describeImages(
                    r ->
                        r.owners("self")
                            .includeDeprecated(true)
                            .includeDisabled(true)
                            .filters(filter("tag:" + COPY_TOKEN_TAG, token))));
    return same.images().stream()
        .filter(ami -> !"deregistered".equals(ami.stateAsString()))
        .filter(ami -> !"failed".equals(ami.stateAsString()))
        .map(software.amazon.awssdk.services.ec2.model.Image::imageId)
        .findFirst();
  }

  /**
   * Tags a copy whose tag specification the endpoint did not apply (some emulators ignore it on
   * CopyImage), so that a repeat finds it by its token.
   */
  private void ensureTokenTag(Ec2Client target, String copyId, Tag tokenTag) {
    boolean tagged =
        aws.rawImage(target, copyId).tags().stream()
            .anyMatch(t -> t.key().equals(tokenTag.key()) && t.value().equals(tokenTag.value()));
    if (!tagged) {
      aws.call(
          "ec2:CreateTags",
          copyId,
          () -> target.createTags(r -> r.resources(copyId).tags(tokenTag)));
    }
  }
}
