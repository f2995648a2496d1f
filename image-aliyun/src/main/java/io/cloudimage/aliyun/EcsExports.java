package io.cloudimage.aliyun;

import com.aliyuncs.ecs.model.v20140526.DescribeImagesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeTasksResponse;
import com.aliyuncs.ecs.model.v20140526.ExportImageRequest;
import com.aliyuncs.ecs.model.v20140526.ExportImageResponse;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.provider.ExportRequest;
import io.cloudimage.core.provider.Waiter;
import io.cloudimage.core.spi.Operation;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * ExportImage to OSS, polled through DescribeTasks to its end, with what the service refuses
 * (Windows and Marketplace-derived images, other formats, other targets) refused before the call.
 */
final class EcsExports {
  private static final Set<String> EXPORT_FORMATS = Set.of("raw", "vhd", "qcow2", "vmdk", "vdi");

  private final String region;
  private final EcsClient ecs;
  private final EcsInventory inventory;
  private final Clock clock;

  EcsExports(String region, EcsClient ecs, EcsInventory inventory, Clock clock) {
    this.region = region;
    this.ecs = ecs;
    this.inventory = inventory;
    this.clock = clock;
  }

  /**
   * Exports an image to OSS in this region and polls the task to completion. Windows images and
   * images from the Marketplace are refused before the ExportImage call, as the service would
   * refuse them.
   */
  void exportImage(ExportRequest request, Operation operation) {
    URI target = request.target();
    if (!"oss".equals(target.getScheme()) || target.getHost() == null) {
      throw new InvalidInputException(
          "ECS exports to OSS in the same region: use oss://bucket/prefix, not " + target);
    }
    String format = request.format().toLowerCase(Locale.ROOT);
    if (!EXPORT_FORMATS.contains(format)) {
      throw new InvalidInputException(
          "ECS exports "
              + String.join(", ", new java.util.TreeSet<>(EXPORT_FORMATS))
              + ", not '"
              + request.format()
              + "'");
    }
    DescribeImagesResponse.Image raw = inventory.rawImage(region, request.imageId());
    if ("windows".equalsIgnoreCase(raw.getOSType())
        || EcsMapping.os(raw.getPlatform(), raw.getOSNameEn(), raw.getOSName(), raw.getOSType())
                .family()
            == OsFamily.WINDOWS_SERVER) {
      throw new InvalidInputException(
          "image " + request.imageId() + " runs Windows, and ECS does not export Windows images");
    }
    if (EcsMapping.fromMarketplace(raw)) {
      throw new InvalidInputException(
          "image "
              + request.imageId()
              + " comes from an Alibaba Cloud Marketplace image, which ECS does not export");
    }
    String prefix = target.getPath() == null ? "" : target.getPath().replaceFirst("^/", "");
    ExportImageRequest req = new ExportImageRequest();
    req.setImageId(request.imageId());
    req.setOSSBucket(target.getHost());
    if (!prefix.isEmpty()) {
      req.setOSSPrefix(prefix);
    }
    req.setImageFormat(format.toUpperCase(Locale.ROOT));
    operation.throwIfCancelled();
    ExportImageResponse answer = ecs.call(req, region, request.imageId());
    String taskId = answer.getTaskId();
    Duration left = Duration.between(clock.instant(), operation.deadline());
    DescribeTasksResponse.Task done =
        Waiter.await(
            "export task " + taskId,
            () -> inventory.task(taskId),
            t -> !"Processing".equals(t.getTaskStatus()) && !"Waiting".equals(t.getTaskStatus()),
            left.isNegative() ? Duration.ofSeconds(1) : left,
            operation.listener(),
            operation.cancellation());
    if (!"Finished".equals(done.getTaskStatus())) {
      throw new CloudImageException(
          "export of "
              + request.imageId()
              + " to "
              + target
              + " ended "
              + done.getTaskStatus()
              + " (task "
              + taskId
              + "); see DescribeTaskAttribute for the reason");
    }
  }
}
