package io.cloudimage.security.pgp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.DSAKeyPairGenerator;
import org.bouncycastle.crypto.generators.DSAParametersGenerator;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed448KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.DSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed448KeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * Our signature math over a hash computed outside BouncyCastle must say exactly what {@link
 * PGPSignature#verify()} says, for every signing algorithm, for good signatures and for signatures
 * or data with a flipped bit.
 */
class SignaturePrimitivesPropertyTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Date CREATED = new Date(1_700_000_000_000L);

  /** A signing key of one algorithm, generated small to stay fast. */
  record SigningKey(String name, PGPKeyPair pair) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<SigningKey> KEYS = keys();

  private static List<SigningKey> keys() {
    try {
      RSAKeyPairGenerator rsa = new RSAKeyPairGenerator();
      rsa.init(new RSAKeyGenerationParameters(BigInteger.valueOf(65537), RANDOM, 1024, 80));
      DSAParametersGenerator dsaParams = new DSAParametersGenerator();
      dsaParams.init(1024, 80, RANDOM);
      DSAKeyPairGenerator dsa = new DSAKeyPairGenerator();
      dsa.init(new DSAKeyGenerationParameters(RANDOM, dsaParams.generateParameters()));
      ECKeyPairGenerator ec = new ECKeyPairGenerator();
      ec.init(
          new ECKeyGenerationParameters(
              new ECNamedDomainParameters(
                  SECObjectIdentifiers.secp256r1,
                  org.bouncycastle.asn1.sec.SECNamedCurves.getByOID(
                      SECObjectIdentifiers.secp256r1)),
              RANDOM));
      Ed25519KeyPairGenerator ed25519 = new Ed25519KeyPairGenerator();
      ed25519.init(new Ed25519KeyGenerationParameters(RANDOM));
      Ed448KeyPairGenerator ed448 = new Ed448KeyPairGenerator();
      ed448.init(new Ed448KeyGenerationParameters(RANDOM));
      return List.of(
          key("RSA", PublicKeyAlgorithmTags.RSA_GENERAL, rsa.generateKeyPair()),
          key("DSA", PublicKeyAlgorithmTags.DSA, dsa.generateKeyPair()),
          key("ECDSA P-256", PublicKeyAlgorithmTags.ECDSA, ec.generateKeyPair()),
          key("EdDSA legacy", PublicKeyAlgorithmTags.EDDSA_LEGACY, ed25519.generateKeyPair()),
          key("Ed25519 RFC 9580", PublicKeyAlgorithmTags.Ed25519, ed25519.generateKeyPair()),
          key("Ed448", PublicKeyAlgorithmTags.Ed448, ed448.generateKeyPair()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static SigningKey key(String name, int algorithm, AsymmetricCipherKeyPair pair)
      throws Exception {
    return new SigningKey(
        name, new BcPGPKeyPair(PublicKeyPacket.VERSION_4, algorithm, pair, CREATED));
  }

  @Provide
  Arbitrary<SigningKey> signingKeys() {
    return Arbitraries.of(KEYS);
  }

  @Property(tries = 60)
  void agreesWithBouncyCastleOnGoodSignatures(
      @ForAll("signingKeys") SigningKey key, @ForAll @Size(max = 300) byte[] data)
      throws Exception {
    PGPSignature sig = sign(key, data);

    assertThat(ours(key, sig, data)).isTrue().isEqualTo(bouncyCastle(key, sig, data));
  }

  @Property(tries = 120)
  void agreesWithBouncyCastleWhenTheDataHasAFlippedBit(
      @ForAll("signingKeys") SigningKey key,
      @ForAll @Size(min = 1, max = 300) byte[] data,
      @ForAll @IntRange(min = 0, max = 1 << 20) int bit)
      throws Exception {
    PGPSignature sig = sign(key, data);
    byte[] altered = data.clone();
    int at = bit % (altered.length * 8);
    altered[at / 8] ^= (byte) (1 << (at % 8));

    assertThat(ours(key, sig, altered)).isFalse().isEqualTo(bouncyCastle(key, sig, altered));
  }

  @Property(tries = 200)
  void agreesWithBouncyCastleWhenTheSignatureHasAFlippedBit(
      @ForAll("signingKeys") SigningKey key,
      @ForAll @Size(max = 300) byte[] data,
      @ForAll @IntRange(min = 0, max = 1 << 20) int bit)
      throws Exception {
    byte[] encoded = sign(key, data).getEncoded();
    // Flip a bit in the signature values at the end of the packet, past the hashed part.
    int tail = Math.min(encoded.length - 1, 64) * 8;
    int at = encoded.length * 8 - 1 - (bit % tail);
    encoded[at / 8] ^= (byte) (1 << (at % 8));
    PGPSignature damaged = parse(encoded);
    if (damaged == null) {
      return; // no longer a signature packet: nothing to compare
    }

    assertThat(ours(key, damaged, data)).isEqualTo(bouncyCastle(key, damaged, data));
  }

  private static PGPSignature sign(SigningKey key, byte[] data) throws Exception {
    PGPSignatureGenerator generator =
        new PGPSignatureGenerator(
            new BcPGPContentSignerBuilder(
                key.pair().getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
            key.pair().getPublicKey());
    generator.init(PGPSignature.BINARY_DOCUMENT, key.pair().getPrivateKey());
    generator.update(data);
    return generator.generate();
  }

  private static PGPSignature parse(byte[] encoded) {
    try {
      Object o = new BcPGPObjectFactory(encoded).nextObject();
      return o instanceof PGPSignatureList list && !list.isEmpty() ? list.get(0) : null;
    } catch (Exception | AssertionError e) {
      return null;
    }
  }

  private static boolean ours(SigningKey key, PGPSignature sig, byte[] data) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(data);
      sha256.update(sig.getSignatureTrailer());
      return SignaturePrimitives.verify(
          sig, key.pair().getPublicKey(), HashAlgorithmTags.SHA256, sha256.digest());
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean bouncyCastle(SigningKey key, PGPSignature sig, byte[] data) {
    try {
      sig.init(new BcPGPContentVerifierBuilderProvider(), key.pair().getPublicKey());
      sig.update(data);
      return sig.verify();
    } catch (Exception e) {
      return false;
    }
  }
}
