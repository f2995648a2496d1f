/**
 * VMware's VMDK (Virtual Disk Format 5.0): hosted sparse extents (monolithicSparse), compressed
 * stream-optimized extents, descriptor files with flat, sparse and zero extents, and a
 * streamOptimized writer.
 */
@NullMarked
package io.cloudimage.core.format.vmdk;

import org.jspecify.annotations.NullMarked;
