package io.cloudimage.security.pgp;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.security.pgp.internal.ArmorInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.jspecify.annotations.Nullable;

/**
 * Secret keys loaded from a file that {@code gpg --export-secret-keys} (binary or armored) wrote,
 * with the choice of a signing or decryption key and its unlocking by passphrase.
 */
final class SecretKeys {
  /** The largest secret keyring file accepted. */
  static final long MAX_BYTES = 16L << 20;

  private final Path file;
  private final List<PGPSecretKeyRing> rings;

  private SecretKeys(Path file, List<PGPSecretKeyRing> rings) {
    this.file = file;
    this.rings = rings;
  }

  static SecretKeys load(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new InvalidInputException(
            file + " is larger than " + MAX_BYTES + " bytes; it is not a secret keyring");
      }
    } catch (NoSuchFileException e) {
      throw new NotFoundException("secret keyring not found: " + file, e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try (InputStream in =
        ArmorInputStream.decoder(
            new BufferedInputStream(Files.newInputStream(file)),
            file.toString(),
            "PRIVATE KEY BLOCK")) {
      PGPSecretKeyRingCollection collection =
          new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator());
      List<PGPSecretKeyRing> rings = new ArrayList<>();
      collection.getKeyRings().forEachRemaining(rings::add);
      if (rings.isEmpty()) {
        throw new InvalidInputException(
            file + " holds no secret keys; export them with gpg --export-secret-keys");
      }
      return new SecretKeys(file, rings);
    } catch (InvalidInputException e) {
      throw e;
    } catch (IOException | PGPException | RuntimeException e) {
      throw new CorruptDataException(
          file,
          -1,
          "not an OpenPGP secret keyring ("
              + e.getMessage()
              + "); export one with gpg --export-secret-keys",
          e);
    }
  }

  Path file() {
    return file;
  }

  /** A secret key and the key ring it belongs to. */
  static final class Entry {
    private final PGPSecretKey secret;
    private final PGPSecretKeyRing ring;

    Entry(PGPSecretKey secret, PGPSecretKeyRing ring) {
      this.secret = secret;
      this.ring = ring;
    }

    PGPSecretKey secret() {
      return secret;
    }

    String fingerprint() {
      return KeyRing.fingerprint(secret.getPublicKey());
    }

    /** The public key of the ring's primary key. */
    PGPPublicKey primary() {
      return ring.getPublicKey();
    }

    /** The ring's public keys with their self-signatures, bindings and revocations. */
    PGPPublicKeyRing certificate() {
      return ring.toCertificate();
    }
  }

  /**
   * The key to sign with: the one with this fingerprint or key id when given, else the first key
   * flagged for signing data that still holds its secret.
   */
  Entry signingKey(@Nullable String fingerprint, @Nullable Long keyId) {
    return choose(fingerprint, keyId, KeyFlags.SIGN_DATA, "signing");
  }

  /** The secret key with this key id, if present with its secret material. */
  @Nullable Entry byKeyId(long keyId) {
    for (PGPSecretKeyRing ring : rings) {
      PGPSecretKey key = ring.getSecretKey(keyId);
      if (key != null && !key.isPrivateKeyEmpty()) {
        return new Entry(key, ring);
      }
    }
    return null;
  }

  private Entry choose(
      @Nullable String fingerprint, @Nullable Long keyId, int flag, String purpose) {
    for (PGPSecretKeyRing ring : rings) {
      Iterator<PGPSecretKey> keys = ring.getSecretKeys();
      while (keys.hasNext()) {
        PGPSecretKey key = keys.next();
        String fpr = KeyRing.fingerprint(key.getPublicKey());
        boolean hit;
        if (fingerprint != null) {
          hit = fpr.equals(fingerprint);
        } else if (keyId != null) {
          hit = key.getKeyID() == keyId;
        } else {
          hit = !key.isPrivateKeyEmpty() && (flags(key.getPublicKey(), ring) & flag) != 0;
        }
        if (!hit) {
          continue;
        }
        if (key.isPrivateKeyEmpty()) {
          throw new InvalidInputException(
              file
                  + ": key "
                  + fpr
                  + " has no secret part here (a stub or a key on a smartcard); export the"
                  + " secret key itself with gpg --export-secret-keys");
        }
        return new Entry(key, ring);
      }
    }
    String wanted =
        fingerprint != null
            ? "key " + fingerprint
            : keyId != null
                ? "key id " + String.format(Locale.ROOT, "%016X", keyId)
                : "a " + purpose + " key";
    throw new NotFoundException(file + " holds no secret key for " + wanted);
  }

  /** The key flags of a key from its self-signature or binding; all flags when none are stated. */
  static int flags(PGPPublicKey key, PGPSecretKeyRing ring) {
    Iterator<PGPSignature> sigs = key.getSignatures();
    int found = -1;
    while (sigs.hasNext()) {
      PGPSignature sig = sigs.next();
      if (sig.getHashedSubPackets() != null
          && sig.getHashedSubPackets()
              .hasSubpacket(org.bouncycastle.bcpg.SignatureSubpacketTags.KEY_FLAGS)) {
        found = sig.getHashedSubPackets().getKeyFlags();
      }
    }
    return found == -1 ? 0xff : found;
  }

  /**
   * When this key (or its primary) expires, from the latest self-signature, or {@code null} when it
   * never does.
   */
  static @Nullable Instant expiry(PGPPublicKey key) {
    long seconds = key.getValidSeconds();
    return seconds <= 0 ? null : key.getCreationTime().toInstant().plusSeconds(seconds);
  }

  /** Unlocks a secret key, saying so in a typed error when the passphrase is wrong. */
  static PGPPrivateKey unlock(PGPSecretKey key, char[] passphrase, Path from) {
    try {
      return key.extractPrivateKey(
          new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
              .build(passphrase));
    } catch (PGPException e) {
      // A wrong passphrase shows as a checksum mismatch; with a 16-bit checksum it can also
      // surface as garbage key material, so any failure to unlock a protected key means this.
      if (key.getKeyEncryptionAlgorithm() != 0) {
        throw new WrongPassphraseException(
            "wrong passphrase for secret key "
                + KeyRing.fingerprint(key.getPublicKey())
                + " in "
                + from
                + " (or the protected key is damaged): give the passphrase it was exported with",
            e);
      }
      throw new CorruptDataException(
          from,
          -1,
          "cannot unlock secret key "
              + KeyRing.fingerprint(key.getPublicKey())
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
