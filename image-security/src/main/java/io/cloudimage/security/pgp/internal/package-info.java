/**
 * The OpenPGP machinery the public verifier, signer and encryptor build on: ASCII armor and
 * cleartext framing we parse ourselves (with CRC and length checks), a packet framer that bounds
 * every length before BouncyCastle sees the bytes, key validity rules and signature primitives.
 */
@NullMarked
package io.cloudimage.security.pgp.internal;

import org.jspecify.annotations.NullMarked;
