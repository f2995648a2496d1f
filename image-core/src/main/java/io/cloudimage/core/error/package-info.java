/**
 * The one unchecked exception hierarchy of cloudimage, rooted in {@link
 * io.cloudimage.core.error.CloudImageException}: every failure carries what was wrong, where, the
 * provider's own error code and request id when a cloud answered, and whether a retry may help.
 */
@NullMarked
package io.cloudimage.core.error;

import org.jspecify.annotations.NullMarked;
