/**
 * The vocabulary that callers and clouds share: what a provider can do ({@link
 * io.cloudimage.core.provider.Capabilities}), how to connect and bound calls ({@link
 * io.cloudimage.core.provider.ProviderConfig}, {@link io.cloudimage.core.provider.RetryPolicy}),
 * queries and requests ({@link io.cloudimage.core.provider.ImageQuery}, {@link
 * io.cloudimage.core.provider.ImportRequest}, {@link io.cloudimage.core.provider.CopyRequest},
 * {@link io.cloudimage.core.provider.DeregisterOptions}…), pages of a listing and waiting. The
 * client lives in {@code io.cloudimage.core.client}; what a cloud implements in {@code
 * io.cloudimage.core.spi}.
 */
@NullMarked
package io.cloudimage.core.provider;

import org.jspecify.annotations.NullMarked;
