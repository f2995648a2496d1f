/**
 * What a cloud implements: {@link io.cloudimage.core.spi.ImageDriver}, one small method per
 * operation over the cloud's own API. A provider module wraps its driver in the client with {@link
 * io.cloudimage.core.client.ImageProvider#of} inside its {@link
 * io.cloudimage.core.client.ImageProviderFactory}, which {@link java.util.ServiceLoader} finds. A
 * driver holds no retry, timeout, capability-check, logging or metrics code: the client applies
 * those around every call.
 */
@NullMarked
package io.cloudimage.core.spi;

import org.jspecify.annotations.NullMarked;
