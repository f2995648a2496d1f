package io.cloudimage.core.replication;

import io.cloudimage.core.model.Image;

/**
 * A copy just made.
 *
 * @param image the copy at the destination
 * @param transfer how its bytes moved
 * @param bytesMoved how many bytes moved
 * @param detail a short human note, such as the delta's base
 */
record Copy(Image image, Transfer transfer, long bytesMoved, String detail) {}
