package io.cloudimage.aws;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.provider.ExportRequest;
import io.cloudimage.core.spi.Operation;
import java.net.URI;
import java.util.Locale;

/** Exporting images to S3, with the size limits checked before calling. */
final class ImageExport {
  /** CreateStoreImageTask stores AMIs of at most 5,000 GiB. */
  static final long STORE_IMAGE_LIMIT_BYTES = 5_000L << 30;

  /** ExportImage exports disks of at most 1 TiB. */
  static final long EXPORT_IMAGE_LIMIT_BYTES = 1L << 40;

  private final AwsCalls aws;
  private final ImageInventory inventory;

  ImageExport(AwsCalls aws, ImageInventory inventory) {
    this.aws = aws;
    this.inventory = inventory;
  }

  /**
   * Exports an image to S3: {@code raw}, {@code vmdk} or {@code vhd} with ExportImage (through the
   * {@code vmimport} service role), or {@code ami} with CreateStoreImageTask. Size limits are
   * checked before calling.
   */
  void exportImage(ExportRequest request, Operation operation) {
    String id = AwsIds.image(request.imageId());
    URI target = request.target();
    if (!"s3".equals(target.getScheme()) || target.getHost() == null) {
      throw new InvalidInputException(
          "the aws provider exports to s3://BUCKET/PREFIX, not " + target);
    }
    String bucket = target.getHost();
    String prefix = target.getPath() == null ? "" : target.getPath().replaceFirst("^/", "");
    String format = request.format().toLowerCase(Locale.ROOT);
    Image image = inventory.describeIn(aws.ec2(), aws.region, id, false);
    if (format.equals("ami")) {
      checkSize(image, STORE_IMAGE_LIMIT_BYTES, "CreateStoreImageTask");
      aws.call(
          "ec2:CreateStoreImageTask",
          id,
          () -> aws.ec2().createStoreImageTask(r -> r.imageId(id).bucket(bucket)));
    } else if (format.equals("raw") || format.equals("vmdk") || format.equals("vhd")) {
      checkSize(image, EXPORT_IMAGE_LIMIT_BYTES, "ExportImage");
      String token = ClientTokens.of("ExportImage", id, target, format);
      aws.call(
          "ec2:ExportImage",
          id,
          () ->
              aws.clients
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
}
