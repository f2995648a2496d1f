package io.cloudimage.security.pgp;

/** Whether an {@link Encryptor} compresses the data before encrypting it. */
public enum Compression {
  /** Stores the data as it is: the default, see {@link Encryptor}. */
  NONE,
  /** Compresses with ZLIB (RFC 1950), which every OpenPGP implementation reads. */
  ZLIB
}
