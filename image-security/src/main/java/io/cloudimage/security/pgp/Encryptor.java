package io.cloudimage.security.pgp;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.bc.BcPBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts a file for export as an OpenPGP message that {@code gpg --decrypt} reads: AES-256 in an
 * integrity-protected packet (SEIPD version 1 with a modification detection code, which GnuPG 2.2
 * and later read), for public-key recipients, a passphrase, or both. Streams in constant memory and
 * writes the output atomically. Thread-safe and reusable.
 *
 * <pre>{@code
 * Encryptor.builder()
 *     .recipient(KeyRing.load(Path.of("ops-team.gpg")), "F6ECB3762474EDA9D21B7022871920D1991BC93C")
 *     .passphrase(breakGlass)          // optional: also decryptable with a passphrase
 *     .build()
 *     .encrypt(Path.of("image.raw"), Path.of("image.raw.gpg"), listener, cancellation);
 * }</pre>
 *
 * <p>Compression is off by default: disk images are either already compressed or mostly zeros a
 * sparse copy handles better, and compression before encryption leaks size information.
 */
public final class Encryptor {
  private static final int CHUNK = 256 * 1024;
  private static final int PACKET_BUFFER = 1 << 16;

  /** S2K iteration count byte: 0xEF is about 31 million bytes hashed, as GnuPG's default does. */
  private static final int S2K_COUNT = 0xEF;

  private final List<PGPPublicKey> recipients;
  private final char @Nullable [] passphrase;
  private final boolean armor;
  private final Compression compression;
  private final SecureRandom random = new SecureRandom();

  private Encryptor(Builder b) {
    this.recipients = List.copyOf(b.recipients);
    this.passphrase = b.keys.passphraseCopy();
    this.armor = b.armor;
    this.compression = b.compression;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The fingerprints of the encryption keys the session key is encrypted to. */
  public List<String> recipientFingerprints() {
    return recipients.stream().map(KeyRing::fingerprint).toList();
  }

  /**
   * Encrypts {@code input} to {@code output}.
   *
   * @throws NotFoundException when {@code input} is missing
   * @throws io.cloudimage.core.error.CancelledException when cancelled; no output is left
   */
  public void encrypt(
      Path input, Path output, ProgressListener listener, Cancellation cancellation) {
    String operation = "encrypt " + input;
    long total;
    Instant modified;
    try {
      total = Files.size(input);
      modified = Files.getLastModifiedTime(input).toInstant();
    } catch (java.nio.file.NoSuchFileException e) {
      throw new NotFoundException("file to encrypt not found: " + input, e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + input + ": " + e.getMessage(), e);
    }
    AtomicOutput.write(
        output,
        List.of(input),
        file -> {
          OutputStream target = new java.io.BufferedOutputStream(file, 1 << 16);
          OutputStream armored = armor ? Signer.armored(target) : target;
          try (InputStream in = Signer.open(input);
              OutputStream encrypted = generator().open(armored, new byte[PACKET_BUFFER])) {
            PGPCompressedDataGenerator compressor =
                compression == Compression.ZLIB
                    ? new PGPCompressedDataGenerator(CompressionAlgorithmTags.ZLIB)
                    : null;
            OutputStream inner =
                compressor == null
                    ? encrypted
                    : compressor.open(encrypted, new byte[PACKET_BUFFER]);
            PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
            try (OutputStream plain =
                literal.open(
                    inner,
                    PGPLiteralData.BINARY,
                    input.getFileName().toString(),
                    Date.from(modified),
                    new byte[PACKET_BUFFER])) {
              byte[] buffer = new byte[CHUNK];
              long done = 0;
              int n;
              while ((n = in.read(buffer)) > 0) {
                cancellation.throwIfCancelled(operation);
                plain.write(buffer, 0, n);
                done += n;
                listener.onProgress(new Progress(operation, done, Math.max(total, done), ""));
              }
            }
            if (compressor != null) {
              compressor.close();
            }
          } catch (PGPException e) {
            throw new InvalidInputException("cannot encrypt " + input + ": " + e.getMessage(), e);
          }
          if (armor) {
            armored.close();
          }
          target.flush();
        });
  }

  private PGPEncryptedDataGenerator generator() throws PGPException {
    PGPEncryptedDataGenerator g =
        new PGPEncryptedDataGenerator(
            new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                .setWithIntegrityPacket(true)
                .setSecureRandom(random));
    for (PGPPublicKey key : recipients) {
      g.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key).setSecureRandom(random));
    }
    if (passphrase != null) {
      g.addMethod(
          new BcPBEKeyEncryptionMethodGenerator(
                  passphrase,
                  new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA256),
                  S2K_COUNT)
              .setSecureRandom(random));
    }
    return g;
  }

  /** The subkey (or primary) of {@code ring} to encrypt to: flagged for encryption and valid. */
  static @Nullable PGPPublicKey encryptionKey(PGPPublicKeyRing ring, Instant now) {
    PGPPublicKey primary = ring.getPublicKey();
    if (primary.hasRevocation() || expired(primary, now)) {
      return null;
    }
    PGPPublicKey chosen = null;
    Iterator<PGPPublicKey> keys = ring.getPublicKeys();
    while (keys.hasNext()) {
      PGPPublicKey k = keys.next();
      if (!k.isEncryptionKey() || k.hasRevocation() || expired(k, now)) {
        continue;
      }
      int flags = flags(k);
      if ((flags & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) == 0) {
        continue;
      }
      // The newest suitable key wins, as in GnuPG.
      if (chosen == null || k.getCreationTime().after(chosen.getCreationTime())) {
        chosen = k;
      }
    }
    return chosen;
  }

  private static boolean expired(PGPPublicKey key, Instant now) {
    Instant expiry = SecretKeys.expiry(key);
    return expiry != null && !now.isBefore(expiry);
  }

  private static int flags(PGPPublicKey key) {
    Iterator<PGPSignature> sigs = key.getSignatures();
    int found = -1;
    while (sigs.hasNext()) {
      PGPSignature sig = sigs.next();
      var hashed = sig.getHashedSubPackets();
      if (hashed != null
          && hashed.hasSubpacket(org.bouncycastle.bcpg.SignatureSubpacketTags.KEY_FLAGS)) {
        found = hashed.getKeyFlags();
      }
    }
    // A key without flags (old style) may encrypt when its algorithm can.
    return found == -1 ? KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE : found;
  }

  /** Configures an {@link Encryptor}. */
  public static final class Builder {
    private final List<PGPPublicKey> recipients = new ArrayList<>();
    private final KeySources keys = new KeySources();
    private boolean armor;
    private Compression compression = Compression.NONE;

    private Builder() {}

    /** Encrypts to every key in these keyrings (each one's valid encryption subkey). */
    public Builder recipient(Path publicKeyRing) {
      return recipient(KeyRing.load(publicKeyRing));
    }

    /** Encrypts to the key with this fingerprint (primary or subkey) in the keyring file. */
    public Builder recipient(Path publicKeyRing, String fingerprint) {
      return recipient(KeyRing.load(publicKeyRing), fingerprint);
    }

    /** Encrypts to every key in {@code keys}. */
    public Builder recipient(KeyRing keys) {
      for (PGPPublicKeyRing ring : keys.rings()) {
        recipients.add(requireEncryptionKey(ring));
      }
      return this;
    }

    /**
     * Encrypts to the key with this fingerprint: when it names a primary key, to its newest valid
     * encryption subkey; when it names an encryption subkey, to that one.
     */
    public Builder recipient(KeyRing keys, String fingerprint) {
      String fpr = fingerprint.replace(" ", "").toUpperCase(Locale.ROOT);
      for (PGPPublicKeyRing ring : keys.rings()) {
        Iterator<PGPPublicKey> it = ring.getPublicKeys();
        while (it.hasNext()) {
          PGPPublicKey k = it.next();
          if (!KeyRing.fingerprint(k).equals(fpr)) {
            continue;
          }
          if (k.isMasterKey()) {
            recipients.add(requireEncryptionKey(ring));
          } else if (k.isEncryptionKey() && !expired(k, Instant.now()) && !k.hasRevocation()) {
            recipients.add(k);
          } else {
            throw new InvalidInputException(
                "subkey " + fpr + " cannot encrypt (not an encryption key, expired or revoked)");
          }
          return this;
        }
      }
      throw new NotFoundException("no key with fingerprint " + fpr + " in the recipient keyring");
    }

    private static PGPPublicKey requireEncryptionKey(PGPPublicKeyRing ring) {
      PGPPublicKey k = encryptionKey(ring, Instant.now());
      if (k == null) {
        throw new InvalidInputException(
            "key "
                + KeyRing.fingerprint(ring.getPublicKey())
                + " has no valid encryption key (none flagged for encryption, or all expired or"
                + " revoked); add one with gpg --quick-add-key FPR cv25519 encr");
      }
      return k;
    }

    /** Also (or only) lets this passphrase decrypt; copied. */
    public Builder passphrase(char[] passphrase) {
      if (passphrase.length == 0) {
        throw new InvalidInputException("an empty passphrase protects nothing; give one");
      }
      keys.passphrase(passphrase);
      return this;
    }

    /** Writes ASCII armor ({@code -----BEGIN PGP MESSAGE-----}) instead of the default binary. */
    public Builder armor() {
      this.armor = true;
      return this;
    }

    /** Compresses before encrypting or not; default {@link Compression#NONE}, see the class. */
    public Builder compression(Compression compression) {
      this.compression = compression;
      return this;
    }

    /**
     * Builds.
     *
     * @throws IllegalStateException when neither a recipient nor a passphrase was given
     */
    public Encryptor build() {
      if (recipients.isEmpty() && !keys.hasPassphrase()) {
        throw new IllegalStateException(
            "Encryptor needs a recipient, a passphrase, or both: nobody could decrypt otherwise");
      }
      Encryptor e = new Encryptor(this);
      keys.wipePassphrase();
      return e;
    }
  }
}
