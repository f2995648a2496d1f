/**
 * Disk-image formats: {@link io.cloudimage.core.format.DiskFormat} tells raw, qcow2, vmdk, vhd,
 * vhdx and ova apart from their bytes, never from a file name.
 */
@NullMarked
package io.cloudimage.core.format;

import org.jspecify.annotations.NullMarked;
