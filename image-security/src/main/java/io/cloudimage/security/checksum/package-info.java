/**
 * Checksum manifests such as {@code SHA256SUMS} and {@code SHA512SUMS} in GNU ({@code hex name},
 * {@code hex *name}) or BSD ({@code SHA256 (name) = hex}) format, plain or clear-signed, and
 * checking the files they list against them.
 */
@NullMarked
package io.cloudimage.security.checksum;

import org.jspecify.annotations.NullMarked;
