/**
 * The provider SPI every cloud implements: {@link io.cloudimage.core.provider.ImageProvider} with
 * its {@link io.cloudimage.core.provider.Capabilities}, lazy paged listings, waiting, retries
 * ({@link io.cloudimage.core.provider.RetryPolicy}) and discovery through {@link
 * java.util.ServiceLoader} ({@link io.cloudimage.core.provider.Providers}).
 */
@NullMarked
package io.cloudimage.core.provider;

import org.jspecify.annotations.NullMarked;
