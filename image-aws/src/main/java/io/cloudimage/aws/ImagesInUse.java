package io.cloudimage.aws;

import static io.cloudimage.aws.AwsCalls.filter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.autoscaling.model.LaunchConfiguration;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * Which images of the region are in use: named by a pending, running, stopping or stopped instance,
 * by any version of any launch template, or by any launch configuration. Templates that resolve
 * their image from SSM parameters at launch are not followed.
 *
 * <p>Auto Scaling groups name their image only through a launch configuration or a launch template
 * (directly, or in a mixed-instances policy's overrides); since every launch configuration and
 * every version of every template counts whole, a group's image is always among them and the groups
 * need no scan of their own. Counting a configuration or a template version no group uses is the
 * safe side: an image kept one more cycle, never one removed while a group can still launch it.
 *
 * <p>A listing reads the set once on its first page and reuses it for the following pages while it
 * is less than a minute old, so that paging through a large account does not rescan every page.
 */
final class ImagesInUse {
  private static final Duration FRESHNESS = Duration.ofSeconds(60);

  private final AwsCalls aws;
  private volatile @Nullable Scan last;

  private record Scan(Set<String> ids, long atNanos) {}

  ImagesInUse(AwsCalls aws) {
    this.aws = aws;
  }

  /** The images in use now. */
  Set<String> fresh() {
    Set<String> used = new HashSet<>();
    aws.call(
        "ec2:DescribeInstances",
        null,
        () -> {
          aws
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
    aws.call(
        "ec2:DescribeLaunchTemplates",
        null,
        () -> {
          aws
              .ec2()
              .describeLaunchTemplatesPaginator(r -> r.maxResults(200))
              .launchTemplates()
              .stream()
              .map(LaunchTemplate::launchTemplateId)
              .forEach(templates::add);
          return null;
        });
    for (String template : templates) {
      aws.call(
          "ec2:DescribeLaunchTemplateVersions",
          template,
          () -> {
            aws
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
    aws.call(
        "autoscaling:DescribeLaunchConfigurations",
        null,
        () -> {
          aws
              .clients
              .autoScaling()
              .describeLaunchConfigurationsPaginator(r -> r.maxRecords(100))
              .launchConfigurations()
              .stream()
              .map(LaunchConfiguration::imageId)
              .forEach(used::add);
          return null;
        });
    used.remove(null);
    Set<String> result = Set.copyOf(used);
    last = new Scan(result, System.nanoTime());
    return result;
  }

  /** The set of the listing under way, scanned again when older than a minute. */
  Set<String> cached() {
    Scan c = last;
    if (c == null || System.nanoTime() - c.atNanos() > FRESHNESS.toNanos()) {
      return fresh();
    }
    return c.ids();
  }
}
