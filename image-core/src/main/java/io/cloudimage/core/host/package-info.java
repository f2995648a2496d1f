/**
 * Capture of a running Linux host's metadata into the image model, and the preparation checks
 * before an image is made from it: filesystems from {@code /proc/self/mountinfo} with UUID and
 * label read from ext4 and XFS superblocks, cgroup v2 limits, block devices (NVMe serials, md RAID
 * members), network interfaces and routes, GPU presence, a read-only {@code fsck -n} of a
 * filesystem image and a backup of the network configuration. Missing files give partial results
 * with warnings, never a failure.
 *
 * <pre>{@code
 * HostSnapshot snapshot = HostCapture.of(HostFiles.live()).capture();
 * System.out.println(snapshot.toJson());
 * }</pre>
 */
@NullMarked
package io.cloudimage.core.host;

import org.jspecify.annotations.NullMarked;
