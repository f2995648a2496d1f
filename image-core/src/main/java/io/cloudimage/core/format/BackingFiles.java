package io.cloudimage.core.format;

/**
 * Which files an image may pull in by reference: a qcow2 backing file, a VMDK descriptor's extent
 * files.
 */
public enum BackingFiles {
  /**
   * Only files in the image's own folder or below it: absolute names, names climbing out with
   * {@code ..} and links leading out are refused. The default, for images from elsewhere.
   */
  CONFINED,
  /** Any file the name leads to, relative names resolved from the image's folder. */
  ANY
}
