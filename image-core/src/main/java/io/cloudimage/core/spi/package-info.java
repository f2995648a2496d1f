/**
 * What a cloud implements: {@link io.cloudimage.core.spi.ImageDriver}, one small method per
 * operation over the cloud's own API, and {@link io.cloudimage.core.spi.ImageDriverFactory}, found
 * through {@link java.util.ServiceLoader}. A driver holds no retry, timeout, capability-check,
 * logging or metrics code: the client that {@link io.cloudimage.core.provider.Providers#open}
 * returns ({@link io.cloudimage.core.provider.ImageProvider}) applies those around every call.
 */
@NullMarked
package io.cloudimage.core.spi;

import org.jspecify.annotations.NullMarked;
