/**
 * Signatures of exported images, on any cloud: after an export, a digest manifest of the exported
 * objects is signed with OpenPGP ({@link io.cloudimage.aliyun.signature.ExportSigning#sign}), the
 * signature's reference and the signing key's fingerprint are kept in the image's tags ({@code
 * cloudimage:signature}, {@code cloudimage:signer}), and {@link
 * io.cloudimage.aliyun.signature.ExportSigning#check} verifies both before the export is used.
 *
 * <p>The OpenPGP work is done by the security module ({@code io.cloudimage.security}), an optional
 * dependency: without it these operations throw {@link
 * io.cloudimage.core.error.UnsupportedCapabilityException} saying what to add; nothing else of the
 * provider needs it.
 */
@NullMarked
package io.cloudimage.aliyun.signature;

import org.jspecify.annotations.NullMarked;
