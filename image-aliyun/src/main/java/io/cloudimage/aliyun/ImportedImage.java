package io.cloudimage.aliyun;

import io.cloudimage.core.model.Image;

/**
 * An image that ImportImage made, once available, with the image check that ran on it.
 *
 * @param image the image, available
 * @param taskId the ImportImage task
 * @param check the image check's result (its findings say what the guest lacks)
 */
public record ImportedImage(Image image, String taskId, ImageCheck check) {}
