package io.cloudimage.core.format.internal;

import io.cloudimage.core.format.VirtualDisk;
import org.jspecify.annotations.Nullable;

/**
 * Opens the files an image refers to (a qcow2 backing file, a VMDK descriptor's extents), relative
 * to the referring image's folder, under the caller's confinement rule.
 */
public interface BackingResolver {

  /**
   * Opens {@code reference} as a virtual disk.
   *
   * @param reference the name as the image stores it
   * @param format the format the image names for it, or {@code null} to detect from the bytes
   * @throws io.cloudimage.core.error.InvalidInputException when it is missing, escapes the folder
   *     under confinement, or the chain loops or is too deep
   */
  VirtualDisk openBacking(String reference, @Nullable String format);

  /**
   * Opens {@code reference} as a plain file (a VMDK extent), under the same rules.
   *
   * @throws io.cloudimage.core.error.InvalidInputException as for {@link #openBacking}
   */
  ImageFile openFile(String reference);
}
