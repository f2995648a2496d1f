package io.cloudimage.aws;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.ProviderException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.provider.Waiter;
import io.cloudimage.core.spi.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.ec2.model.ImageDiskContainer;
import software.amazon.awssdk.services.ec2.model.ImportImageTask;
import software.amazon.awssdk.services.ec2.model.SnapshotTaskDetail;

/**
 * VM Import from S3: ImportImage and ImportSnapshot, each sent with a {@code ClientToken} derived
 * from the request (so a resumed run finds its first task instead of starting a second), then
 * polled with DescribeImportImageTasks / DescribeImportSnapshotTasks until the task completes,
 * fails, or the operation's deadline passes. Each poll reports the task's percentage and status
 * message as progress.
 */
final class DiskImports {
  /** How long an import may run when the operation sets no deadline of its own. */
  static final Duration LONGEST_IMPORT = Duration.ofDays(2);

  private final AwsCalls aws;
  private final ImageInventory inventory;

  DiskImports(AwsCalls aws, ImageInventory inventory) {
    this.aws = aws;
    this.inventory = inventory;
  }

  /** One look at a task: EC2's status, percentage and message, and the result once there. */
  record TaskState(
      String status, int percent, String message, @Nullable String resultId, String taskId) {
    boolean done() {
      return "completed".equals(status);
    }

    boolean failed() {
      return status.startsWith("delet") || "error".equals(status);
    }

    @Override
    public String toString() {
      return status + " " + percent + "% " + message;
    }
  }

  Image importImage(S3DiskImport request, Operation operation) {
    String token =
        ClientTokens.of(
            "ImportImage",
            request.location(),
            request.format(),
            request.description(),
            request.kmsKeyId(),
            request.architecture());
    String kms = request.kmsKeyId();
    String taskId =
        aws.call(
                "ec2:ImportImage",
                null,
                () ->
                    aws.ec2()
                        .importImage(
                            r -> {
                              r.clientToken(token)
                                  .description(request.description())
                                  .architecture(AwsModel.awsArchitecture(request.architecture()))
                                  .diskContainers(
                                      ImageDiskContainer.builder()
                                          .format(request.format().toUpperCase(Locale.ROOT))
                                          .description(request.description())
                                          .userBucket(
                                              b ->
                                                  b.s3Bucket(request.bucket()).s3Key(request.key()))
                                          .build());
                              if (kms != null) {
                                r.encrypted(true).kmsKeyId(kms);
                              }
                            }))
            .importTaskId();
    String imageId = AwsIds.image(await(taskId, operation, () -> imageTask(taskId)));
    return inventory.describeIn(aws.ec2(), aws.region, imageId, false);
  }

  Snapshot importSnapshot(S3DiskImport request, Operation operation) {
    if (request.format().equals("ova")) {
      throw new InvalidInputException(
          "ImportSnapshot takes a single disk (vhd, vhdx, vmdk or raw), not an ova; import the"
              + " ova as an image instead");
    }
    String token =
        ClientTokens.of(
            "ImportSnapshot",
            request.location(),
            request.format(),
            request.description(),
            request.kmsKeyId());
    String kms = request.kmsKeyId();
    String taskId =
        aws.call(
                "ec2:ImportSnapshot",
                null,
                () ->
                    aws.ec2()
                        .importSnapshot(
                            r -> {
                              r.clientToken(token)
                                  .description(request.description())
                                  .diskContainer(
                                      c ->
                                          c.format(request.format().toUpperCase(Locale.ROOT))
                                              .description(request.description())
                                              .userBucket(
                                                  b ->
                                                      b.s3Bucket(request.bucket())
                                                          .s3Key(request.key())));
                              if (kms != null) {
                                r.encrypted(true).kmsKeyId(kms);
                              }
                            }))
            .importTaskId();
    String snapshotId = AwsIds.snapshot(await(taskId, operation, () -> snapshotTask(taskId)));
    return AwsModel.snapshot(aws.rawSnapshot(snapshotId), aws.region);
  }

  /** Polls the task until it completes and answers the id of what it made. */
  private String await(String taskId, Operation operation, Supplier<TaskState> look) {
    Duration left = Duration.between(Instant.now(), operation.deadline());
    Duration timeout = left.compareTo(LONGEST_IMPORT) > 0 ? LONGEST_IMPORT : left;
    TaskState last =
        Waiter.await(
            "import task " + taskId,
            () -> {
              TaskState s = look.get();
              operation.progress(
                  new Progress(operation.name() + " " + taskId, s.percent(), 100, s.toString()));
              if (s.failed()) {
                throw new ProviderException(
                    "import task "
                        + taskId
                        + " ended "
                        + s.status()
                        + ": "
                        + s.message()
                        + "; check the disk's format and the vmimport role's access to the"
                        + " bucket");
              }
              return s;
            },
            TaskState::done,
            timeout,
            operation.listener(),
            operation.cancellation());
    String result = last.resultId();
    if (result == null) {
      throw new ProviderException("import task " + taskId + " completed without naming a result");
    }
    return result;
  }

  private TaskState imageTask(String taskId) {
    ImportImageTask t =
        aws
            .call(
                "ec2:DescribeImportImageTasks",
                taskId,
                () -> aws.ec2().describeImportImageTasks(r -> r.importTaskIds(taskId)))
            .importImageTasks()
            .stream()
            .findFirst()
            .orElseThrow(() -> gone(taskId));
    return new TaskState(
        nonNull(t.status()),
        percent(t.progress()),
        nonNull(t.statusMessage()),
        t.imageId(),
        taskId);
  }

  private TaskState snapshotTask(String taskId) {
    SnapshotTaskDetail t =
        aws
            .call(
                "ec2:DescribeImportSnapshotTasks",
                taskId,
                () -> aws.ec2().describeImportSnapshotTasks(r -> r.importTaskIds(taskId)))
            .importSnapshotTasks()
            .stream()
            .findFirst()
            .orElseThrow(() -> gone(taskId))
            .snapshotTaskDetail();
    if (t == null) {
      throw gone(taskId);
    }
    return new TaskState(
        nonNull(t.status()),
        percent(t.progress()),
        nonNull(t.statusMessage()),
        t.snapshotId(),
        taskId);
  }

  private static ProviderException gone(String taskId) {
    return new ProviderException("EC2 no longer describes import task " + taskId);
  }

  private static String nonNull(@Nullable String s) {
    return s == null ? "" : s;
  }

  /** EC2's progress is a percentage in a string, absent once the task completes. */
  private static int percent(@Nullable String progress) {
    if (progress == null || progress.isBlank()) {
      return 100;
    }
    try {
      return (int) Math.round(Double.parseDouble(progress));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
