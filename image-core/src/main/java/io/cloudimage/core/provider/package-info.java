/**
 * The client every caller holds, {@link io.cloudimage.core.provider.ImageProvider}: capability
 * checks, call and attempt timeouts, retries ({@link io.cloudimage.core.provider.RetryPolicy}),
 * cancellation, redacted logging and per-operation metrics around a cloud's {@link
 * io.cloudimage.core.spi.ImageDriver}; the requests and options its operations take; and discovery
 * by name through {@link java.util.ServiceLoader} ({@link io.cloudimage.core.provider.Providers}).
 */
@NullMarked
package io.cloudimage.core.provider;

import org.jspecify.annotations.NullMarked;
