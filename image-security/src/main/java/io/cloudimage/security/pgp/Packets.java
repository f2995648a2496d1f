package io.cloudimage.security.pgp;

/** Human names for OpenPGP numbers, for messages. */
final class Packets {
  private Packets() {}

  static String name(int tag) {
    switch (tag) {
      case 1:
        return "public-key encrypted session key";
      case 2:
        return "signature";
      case 3:
        return "symmetric-key encrypted session key";
      case 4:
        return "one-pass signature";
      case 5:
        return "secret key";
      case 6:
        return "public key";
      case 7:
        return "secret subkey";
      case 8:
        return "compressed data";
      case 9:
        return "symmetrically encrypted data";
      case 10:
        return "marker";
      case 11:
        return "literal data";
      case 12:
        return "trust";
      case 13:
        return "user id";
      case 14:
        return "public subkey";
      case 17:
        return "user attribute";
      case 18:
        return "encrypted and integrity protected data";
      default:
        return "other";
    }
  }

  static String keyAlgorithm(int algorithm) {
    switch (algorithm) {
      case 1:
      case 2:
      case 3:
        return "RSA";
      case 16:
      case 20:
        return "ElGamal";
      case 17:
        return "DSA";
      case 18:
        return "ECDH";
      case 19:
        return "ECDSA";
      case 22:
        return "EdDSA";
      case 25:
        return "X25519";
      case 27:
        return "Ed25519";
      case 28:
        return "Ed448";
      default:
        return "algorithm " + algorithm;
    }
  }
}
