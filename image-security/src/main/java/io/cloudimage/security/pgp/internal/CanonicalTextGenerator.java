package io.cloudimage.security.pgp.internal;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.PGPContentSignerBuilder;

/**
 * A signature generator that hashes exactly the bytes it is given. BouncyCastle's generator, for a
 * text signature (type 0x01), rewrites every lone CR as CR LF while hashing; GnuPG and gpgv hash a
 * CR inside a clear-signed line as it is, so a line holding a bare CR would get a signature that
 * neither gpgv nor our verifier accepts. The clear-signing code canonicalises the text itself
 * ({@code CanonicalText}) and feeds the result here unchanged.
 */
public final class CanonicalTextGenerator extends PGPSignatureGenerator {
  /** A generator for {@code key} that hashes the bytes it is given as they are. */
  public CanonicalTextGenerator(PGPContentSignerBuilder builder, PGPPublicKey key) {
    super(builder, key);
  }

  @Override
  public void update(byte b) {
    blockUpdate(new byte[] {b}, 0, 1);
  }

  @Override
  public void update(byte[] b) {
    blockUpdate(b, 0, b.length);
  }

  @Override
  public void update(byte[] b, int off, int len) {
    blockUpdate(b, off, len);
  }
}
