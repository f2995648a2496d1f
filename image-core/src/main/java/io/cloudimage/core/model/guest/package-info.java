/**
 * What an image's guest looked like when it was captured: its block devices ({@link
 * io.cloudimage.core.model.guest.DeviceBinding}), filesystems ({@link
 * io.cloudimage.core.model.guest.FilesystemInfo}), network ({@link
 * io.cloudimage.core.model.guest.NetworkState}) and the cgroup its workload ran in ({@link
 * io.cloudimage.core.model.guest.CgroupState}), gathered in {@link
 * io.cloudimage.core.model.guest.GuestState}. Host capture fills them; the hygiene scan and the
 * restore path read them.
 */
@NullMarked
package io.cloudimage.core.model.guest;

import org.jspecify.annotations.NullMarked;
