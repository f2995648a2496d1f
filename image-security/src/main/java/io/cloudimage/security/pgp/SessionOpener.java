package io.cloudimage.security.pgp;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPDataValidationException;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.operator.bc.BcPBEDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.jspecify.annotations.Nullable;

/**
 * Opens the encrypted session of a message for a {@link Decryptor}: with a secret key of the
 * keyring (unlocked with the passphrase) when the message is encrypted to one, else with the
 * passphrase itself; says what the message is encrypted to when neither opens it.
 */
final class SessionOpener {
  private final @Nullable SecretKeys keys;
  private final char @Nullable [] passphrase;

  SessionOpener(@Nullable SecretKeys keys, char @Nullable [] passphrase) {
    this.keys = keys;
    this.passphrase = passphrase;
  }

  /** The decrypted stream and what opened it; a class, not a record, to keep its parts private. */
  static final class Opened {
    final PGPEncryptedData data;
    final InputStream clear;
    final String by;

    Opened(PGPEncryptedData data, InputStream clear, String by) {
      this.data = data;
      this.clear = clear;
      this.by = by;
    }
  }

  /**
   * Opens the first session a secret key given unlocks, else the first a passphrase decrypts.
   *
   * @throws WrongPassphraseException when the passphrase decrypts no session
   * @throws InvalidInputException when nothing given can open it, naming what it is encrypted to
   */
  Opened open(PGPEncryptedDataList list, Path input) throws PGPException {
    List<String> keyIds = new ArrayList<>();
    List<PGPPBEEncryptedData> pbe = new ArrayList<>();
    for (PGPEncryptedData d : list) {
      if (d instanceof PGPPublicKeyEncryptedData pk) {
        keyIds.add(String.format(Locale.ROOT, "%016X", pk.getKeyID()));
        SecretKeys ring = keys;
        SecretKeys.Entry entry = ring == null ? null : ring.byKeyId(pk.getKeyID());
        if (ring == null || entry == null) {
          continue;
        }
        char[] pass = passphrase == null ? new char[0] : passphrase;
        PGPPrivateKey key = SecretKeys.unlock(entry.secret(), pass, ring.file());
        try {
          InputStream clear = pk.getDataStream(new BcPublicKeyDataDecryptorFactory(key));
          return new Opened(pk, clear, "key " + entry.fingerprint());
        } catch (PGPDataValidationException e) {
          throw new CorruptDataException(
              input, -1, "the session key for " + entry.fingerprint() + " is damaged", e);
        }
      } else if (d instanceof PGPPBEEncryptedData p) {
        pbe.add(p);
      }
    }
    if (!pbe.isEmpty() && passphrase != null) {
      // With a wrong passphrase the derived key yields a failed quick check or, when the session
      // key is itself encrypted, an unknown cipher number: both mean the passphrase is wrong.
      PGPException last = null;
      for (PGPPBEEncryptedData p : pbe) {
        try {
          InputStream clear =
              p.getDataStream(
                  new BcPBEDataDecryptorFactory(passphrase, new BcPGPDigestCalculatorProvider()));
          return new Opened(p, clear, "passphrase");
        } catch (PGPException e) {
          last = e;
        }
      }
      throw new WrongPassphraseException(
          "wrong passphrase for " + input + ": it does not decrypt the message", last);
    }
    StringBuilder why = new StringBuilder(input + " cannot be decrypted with what was given: ");
    if (!keyIds.isEmpty()) {
      why.append("it is encrypted to key ids ").append(String.join(", ", keyIds));
      why.append(
          keys == null ? " but no secret keyring was given" : ", none in the secret keyring");
    }
    if (!pbe.isEmpty()) {
      why.append(keyIds.isEmpty() ? "" : "; ").append("it takes a passphrase");
    }
    throw new InvalidInputException(why.toString());
  }
}
