package io.cloudimage.security.pgp.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.teletrust.TeleTrusTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.bcpg.BCPGInputStream;
import org.bouncycastle.bcpg.MPInteger;
import org.bouncycastle.bcpg.Packet;
import org.bouncycastle.bcpg.SignaturePacket;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.encodings.PKCS1Encoding;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.DSAPublicKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.Ed448PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.DSASigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed448Signer;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyConverter;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.BigIntegers;

/**
 * Checks a signature's public-key math over a hash we computed ourselves. Hashing outside
 * BouncyCastle lets the JDK's SHA-NI/AVX2 intrinsics do the heavy lifting on large files; this
 * class only does the final, cheap step. Legacy EdDSA values are left-padded to their fixed width,
 * because GnuPG writes them as MPIs with leading zero bytes stripped.
 */
public final class SignaturePrimitives {
  private SignaturePrimitives() {}

  /**
   * Whether {@code signature} by {@code key} is correct for {@code digest}.
   *
   * @param hashId the OpenPGP hash algorithm number the digest was made with
   * @throws IllegalArgumentException for algorithms this class does not know
   */
  public static boolean verify(PGPSignature signature, PGPPublicKey key, int hashId, byte[] digest)
      throws Exception {
    SignaturePacket packet = packet(signature);
    MPInteger[] values = packet.getSignature();
    AsymmetricKeyParameter params = new BcPGPKeyConverter().getPublicKey(key);
    if (params instanceof RSAKeyParameters rsa) {
      requireValues(values, 1);
      return verifyRsa(rsa, values[0].getValue(), hashId, digest);
    }
    if (params instanceof DSAPublicKeyParameters dsa) {
      requireValues(values, 2);
      DSASigner signer = new DSASigner();
      signer.init(false, dsa);
      return signer.verifySignature(digest, values[0].getValue(), values[1].getValue());
    }
    if (params instanceof ECPublicKeyParameters ec) {
      requireValues(values, 2);
      ECDSASigner signer = new ECDSASigner();
      signer.init(false, ec);
      return signer.verifySignature(digest, values[0].getValue(), values[1].getValue());
    }
    if (params instanceof Ed25519PublicKeyParameters ed) {
      byte[] sig = eddsaBytes(packet, values, 32);
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(false, ed);
      signer.update(digest, 0, digest.length);
      return sig != null && signer.verifySignature(sig);
    }
    if (params instanceof Ed448PublicKeyParameters ed) {
      byte[] sig = eddsaBytes(packet, values, 57);
      Ed448Signer signer = new Ed448Signer(new byte[0]);
      signer.init(false, ed);
      signer.update(digest, 0, digest.length);
      return sig != null && signer.verifySignature(sig);
    }
    throw new IllegalArgumentException(
        "public-key algorithm " + key.getAlgorithm() + " cannot make signatures");
  }

  private static SignaturePacket packet(PGPSignature signature) throws IOException {
    try (BCPGInputStream in =
        new BCPGInputStream(new ByteArrayInputStream(signature.getEncoded()))) {
      Packet p = in.readPacket();
      if (!(p instanceof SignaturePacket sp)) {
        throw new IOException("not a signature packet");
      }
      return sp;
    }
  }

  private static void requireValues(MPInteger @org.jspecify.annotations.Nullable [] values, int n) {
    if (values == null || values.length != n) {
      throw new IllegalArgumentException(
          "signature has " + (values == null ? 0 : values.length) + " values, expected " + n);
    }
  }

  private static byte @org.jspecify.annotations.Nullable [] eddsaBytes(
      SignaturePacket packet, MPInteger @org.jspecify.annotations.Nullable [] values, int half) {
    if (values == null) {
      byte[] raw = packet.getSignatureBytes();
      return raw != null && raw.length == 2 * half ? raw : null;
    }
    if (values.length != 2) {
      return null;
    }
    BigInteger r = values[0].getValue();
    BigInteger s = values[1].getValue();
    if (r.bitLength() > 8 * half || s.bitLength() > 8 * half) {
      return null;
    }
    return Arrays.concatenate(
        BigIntegers.asUnsignedByteArray(half, r), BigIntegers.asUnsignedByteArray(half, s));
  }

  private static boolean verifyRsa(
      RSAKeyParameters key, BigInteger value, int hashId, byte[] digest) throws IOException {
    if (value.signum() <= 0 || value.compareTo(key.getModulus()) >= 0) {
      return false;
    }
    AsymmetricBlockCipher rsa = new PKCS1Encoding(new RSAEngine());
    rsa.init(false, key);
    byte[] block = BigIntegers.asUnsignedByteArray(value);
    byte[] decoded;
    try {
      decoded = rsa.processBlock(block, 0, block.length);
    } catch (org.bouncycastle.crypto.InvalidCipherTextException e) {
      return false;
    }
    byte[] expected =
        new DigestInfo(new AlgorithmIdentifier(oid(hashId), DERNull.INSTANCE), digest)
            .getEncoded(ASN1Encoding.DER);
    return Arrays.constantTimeAreEqual(expected, decoded);
  }

  private static ASN1ObjectIdentifier oid(int hashId) {
    switch (hashId) {
      case 1:
        return PKCSObjectIdentifiers.md5;
      case 2:
        return OIWObjectIdentifiers.idSHA1;
      case 3:
        return TeleTrusTObjectIdentifiers.ripemd160;
      case 8:
        return NISTObjectIdentifiers.id_sha256;
      case 9:
        return NISTObjectIdentifiers.id_sha384;
      case 10:
        return NISTObjectIdentifiers.id_sha512;
      case 11:
        return NISTObjectIdentifiers.id_sha224;
      case 12:
        return NISTObjectIdentifiers.id_sha3_256;
      case 14:
        return NISTObjectIdentifiers.id_sha3_512;
      default:
        throw new IllegalArgumentException("hash algorithm " + hashId + " has no DigestInfo");
    }
  }
}
