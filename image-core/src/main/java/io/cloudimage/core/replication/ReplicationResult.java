package io.cloudimage.core.replication;

import org.jspecify.annotations.Nullable;

/**
 * How one copy of a plan went.
 *
 * @param target the image and destination
 * @param status how it ended
 * @param transfer how its bytes moved
 * @param destinationImageId the copy's id at the destination, or {@code null} when there is none
 * @param bytesMoved the bytes that moved: the delta's size, the whole disk, or 0
 * @param fullBytes the source disk's size, what a full copy would move
 * @param detail a short human note: the delta base, or what went wrong
 */
public record ReplicationResult(
    ReplicationTarget target,
    ReplicationStatus status,
    Transfer transfer,
    @Nullable String destinationImageId,
    long bytesMoved,
    long fullBytes,
    String detail) {}
