package io.cloudimage.aliyun;

import java.util.Set;

/**
 * How far an ImportImage has got: the image's status and progress, and its task's status.
 *
 * @param imageId the image being made
 * @param imageStatus its DescribeImages status ({@code Creating}, {@code Available}, {@code
 *     CreateFailed}…)
 * @param percent its progress in percent
 * @param taskId the ImportImage task
 * @param taskStatus the task's DescribeTasks status ({@code Processing}, {@code Finished}, {@code
 *     Failed}…)
 */
record ImportState(
    String imageId, String imageStatus, int percent, String taskId, String taskStatus) {
  private static final Set<String> FAILED_IMAGE = Set.of("CreateFailed", "UnAvailable");
  private static final Set<String> FAILED_TASK = Set.of("Failed", "Cancelled", "Deleted");

  /** The image can be used. */
  boolean available() {
    return imageStatus.equals("Available");
  }

  /** The import will not finish. */
  boolean failed() {
    return FAILED_IMAGE.contains(imageStatus) || FAILED_TASK.contains(taskStatus);
  }

  /** Nothing more will change. */
  boolean ended() {
    return available() || failed();
  }

  @Override
  public String toString() {
    return imageId
        + " "
        + imageStatus
        + " "
        + percent
        + "% (task "
        + taskId
        + " "
        + taskStatus
        + ")";
  }
}
