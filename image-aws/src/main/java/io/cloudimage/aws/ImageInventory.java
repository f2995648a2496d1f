package io.cloudimage.aws;

import static io.cloudimage.aws.AwsCalls.filter;

import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Sharing;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;

/**
 * Listing and describing: DescribeImages with server-side filters (name glob, architecture, tags,
 * deprecation) and its paging token, one page per call, nothing pulled whole; DescribeSnapshots
 * likewise; DescribeImageAttribute for launch permissions and the last launch time.
 */
final class ImageInventory {
  private static final Logger LOG = LoggerFactory.getLogger(ImageInventory.class);

  private final AwsCalls aws;
  private final ImagesInUse inUse;
  private final ListingDetail detail;

  ImageInventory(AwsCalls aws, ImagesInUse inUse, ListingDetail detail) {
    this.aws = aws;
    this.inUse = inUse;
    this.detail = detail;
  }

  Page<Image> listImages(ImageQuery query, @Nullable String pageToken) {
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
        aws.call("ec2:DescribeImages", null, () -> aws.ec2().describeImages(request.build()));
    Set<String> used = pageToken == null ? inUse.fresh() : inUse.cached();
    List<Image> items = new ArrayList<>();
    for (software.amazon.awssdk.services.ec2.model.Image ami : response.images()) {
      Sharing sharing =
          detail == ListingDetail.WITH_SHARING ? sharing(ami.imageId()) : Sharing.NONE;
      Image image = AwsModel.image(ami, aws.region, used.contains(ami.imageId()), sharing, null);
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

  Page<Snapshot> listSnapshots(@Nullable String pageToken) {
    DescribeSnapshotsResponse response =
        aws.call(
            "ec2:DescribeSnapshots",
            null,
            () ->
                aws.ec2()
                    .describeSnapshots(
                        r -> {
                          r.ownerIds("self").maxResults(1000);
                          if (pageToken != null) {
                            r.nextToken(pageToken);
                          }
                        }));
    List<Snapshot> items = new ArrayList<>();
    response.snapshots().forEach(s -> items.add(AwsModel.snapshot(s, aws.region)));
    String next = response.nextToken();
    return new Page<>(items, next == null || next.isEmpty() ? null : next);
  }

  /** An image of the provider's region, with its use, sharing and last launch time. */
  Image describeImage(String imageId) {
    return describeIn(aws.ec2(), aws.region, AwsIds.image(imageId), true);
  }

  /**
   * An image of a region; {@code details} adds its use, sharing and last launch time (three more
   * calls), else it is described as EC2 lists it.
   */
  Image describeIn(Ec2Client ec2, String inRegion, String imageId, boolean details) {
    software.amazon.awssdk.services.ec2.model.Image ami = aws.rawImage(ec2, imageId);
    if (!details) {
      return AwsModel.image(ami, inRegion, false, Sharing.NONE, null);
    }
    Instant launched = ami.lastLaunchedTime() != null ? null : lastLaunched(imageId);
    return AwsModel.image(
        ami, inRegion, inUse.fresh().contains(imageId), sharing(imageId), launched);
  }

  /** The attribute's last launch time, or {@code null} when AWS does not say. */
  private @Nullable Instant lastLaunched(String imageId) {
    try {
      String v =
          aws.ec2()
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
        aws.call(
                "ec2:DescribeImageAttribute",
                imageId,
                () ->
                    aws.ec2()
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

  Snapshot describeSnapshot(String snapshotId) {
    return AwsModel.snapshot(aws.rawSnapshot(AwsIds.snapshot(snapshotId)), aws.region);
  }
}
