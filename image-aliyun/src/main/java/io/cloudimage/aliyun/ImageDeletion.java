package io.cloudimage.aliyun;

/** Whether DeleteImage may remove an image that instances still use (the API's {@code Force}). */
public enum ImageDeletion {
  /** The service refuses while instances use the image. */
  UNLESS_IN_USE,
  /**
   * Deleted even while instances use it: they keep running but can no longer re-initialise their
   * system disk from it.
   */
  FORCE
}
