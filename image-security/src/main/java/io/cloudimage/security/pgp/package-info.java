/**
 * OpenPGP signatures and encryption for downloaded images and package metadata: {@link
 * io.cloudimage.security.pgp.Verifier} checks detached, clear-signed and inline signatures (the way
 * Ubuntu's {@code SHA256SUMS.gpg}, Debian's {@code SHA512SUMS.sign} and apt's {@code InRelease} are
 * signed) as strictly as {@code gpgv}, {@link io.cloudimage.security.pgp.Signer} makes them, and
 * {@link io.cloudimage.security.pgp.Encryptor} and {@link io.cloudimage.security.pgp.Decryptor}
 * protect exported images. A failed check is a {@link
 * io.cloudimage.security.pgp.VerificationResult}, never an exception; bad input is an {@link
 * io.cloudimage.core.error.InvalidInputException}.
 */
@NullMarked
package io.cloudimage.security.pgp;

import org.jspecify.annotations.NullMarked;
