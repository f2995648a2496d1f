package io.cloudimage.security.pgp;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The OpenPGP keys and signatures kept under {@code src/test/resources/fixtures/}, made once by the
 * real gpg with the commands in that folder's README.
 */
final class Fixtures {
  /** Fingerprint of the RSA 3072 key, whose secret key has no passphrase. */
  static final String RSA = "26426952DE2963D5FA5A84C99F0514FDE731E1A2";

  /** Fingerprint of the Ed25519 (legacy EdDSA) key, whose secret key has {@link #PASSPHRASE}. */
  static final String ED25519 = "CEAA5516B2F6A02B683015D7FCB0C47A8A4C553C";

  /** The passphrase of the Ed25519 secret key. */
  static final String PASSPHRASE = "correct horse battery staple";

  private Fixtures() {}

  /** The fixture file {@code name}. */
  static Path path(String name) {
    URL url = Fixtures.class.getResource("/fixtures/" + name);
    if (url == null) {
      throw new IllegalArgumentException(
          "no fixture " + name + " under src/test/resources/fixtures");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
