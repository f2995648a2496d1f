/**
 * The client every caller holds, {@link io.cloudimage.core.client.ImageProvider}: capability
 * checks, call and attempt timeouts, retries under the {@link
 * io.cloudimage.core.provider.RetryPolicy}, cancellation, redacted logging ({@link
 * io.cloudimage.core.client.Redaction}) and per-operation metrics ({@link
 * io.cloudimage.core.client.ProviderMetrics}) around a cloud's {@link
 * io.cloudimage.core.spi.ImageDriver}; and discovery by name through {@link
 * java.util.ServiceLoader} ({@link io.cloudimage.core.client.Providers}).
 */
@NullMarked
package io.cloudimage.core.client;

import org.jspecify.annotations.NullMarked;
