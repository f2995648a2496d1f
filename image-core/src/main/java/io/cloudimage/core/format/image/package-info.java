/**
 * Opening, inspecting and writing disk-image files: {@link
 * io.cloudimage.core.format.image.DiskImages} detects the format from the bytes and hands the file
 * to the format's reader or writer.
 */
@NullMarked
package io.cloudimage.core.format.image;

import org.jspecify.annotations.NullMarked;
