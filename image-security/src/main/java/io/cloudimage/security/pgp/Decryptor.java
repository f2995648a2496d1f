package io.cloudimage.security.pgp;

import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.security.pgp.internal.ArmorInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.jspecify.annotations.Nullable;

/**
 * Decrypts an OpenPGP message (binary or armored), such as an image {@link Encryptor} or {@code gpg
 * --encrypt} / {@code gpg --symmetric} made, with a secret key, a passphrase, or both. Only
 * integrity-protected messages are accepted, and the decrypted file appears under its name only
 * after the integrity check passed: an altered ciphertext throws {@link CorruptDataException} and
 * leaves nothing behind. Streams in constant memory. Thread-safe and reusable.
 *
 * <pre>{@code
 * Decryptor.builder()
 *     .secretKeyRing(Path.of("ops-secret.gpg"))
 *     .passphrase(passphrase)
 *     .build()
 *     .decrypt(Path.of("image.raw.gpg"), Path.of("image.raw"), listener, cancellation);
 * }</pre>
 *
 * <p>Signatures inside the message (from {@code gpg --sign --encrypt}) are checked when the builder
 * was given a {@link Builder#verifySignatures(Verifier) verifier}; otherwise the result says that
 * the message is signed but unverified ({@link Decrypted#signatureStatus()}).
 *
 * <p>The session is opened by {@link SessionOpener}; packet framing is in {@code internal}.
 */
public final class Decryptor {
  private static final int CHUNK = 256 * 1024;

  private static final int MAX_NESTING = 8;

  private final @Nullable SecretKeys keys;
  private final char @Nullable [] passphrase;
  private final @Nullable Verifier verifier;

  private Decryptor(Builder b, @Nullable SecretKeys keys) {
    this.keys = keys;
    this.verifier = b.verifier;
    this.passphrase = b.keys.passphraseCopy();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decrypts {@code input} to {@code output}.
   *
   * @return what was decrypted
   * @throws NotFoundException when {@code input} is missing
   * @throws WrongPassphraseException when the passphrase unlocks neither the secret key nor the
   *     message
   * @throws CorruptDataException when the ciphertext was altered or is damaged
   * @throws CheckFailedException when a verifier was given and the message is not signed, or its
   *     signature does not hold; no output is left
   * @throws InvalidInputException when it is not an encrypted message, lacks integrity protection,
   *     or is for none of the keys given
   */
  public Decrypted decrypt(
      Path input, Path output, ProgressListener listener, Cancellation cancellation) {
    long total;
    try {
      total = Files.size(input);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("encrypted file not found: " + input, e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + input + ": " + e.getMessage(), e);
    }
    String operation = "decrypt " + input;
    Decrypted[] result = new Decrypted[1];
    List<Path> inputs = new ArrayList<>(List.of(input));
    if (keys != null) {
      inputs.add(keys.file());
    }
    AtomicOutput.writePrivate(
        output,
        inputs,
        file -> {
          try (CountingInput counted =
                  new CountingInput(new BufferedInputStream(Files.newInputStream(input), 1 << 16));
              InputStream in = ArmorInputStream.decoder(counted, input.toString(), "MESSAGE")) {
            result[0] =
                decryptStream(
                    in,
                    input,
                    file,
                    done -> {
                      cancellation.throwIfCancelled(operation);
                      long at = counted.count;
                      listener.onProgress(new Progress(operation, at, Math.max(total, at), ""));
                    });
          } catch (CloudImageException e) {
            throw e;
          } catch (IOException | PGPException | RuntimeException e) {
            throw new CorruptDataException(
                input, -1, "damaged or altered OpenPGP message: " + e.getMessage(), e);
          }
        });
    return result[0];
  }

  private interface Tick {
    void after(long written);
  }

  private Decrypted decryptStream(InputStream in, Path input, OutputStream out, Tick tick)
      throws IOException, PGPException {
    BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
    Object o = factory.nextObject();
    while (o instanceof PGPMarker) {
      o = factory.nextObject();
    }
    if (!(o instanceof PGPEncryptedDataList list)) {
      throw new InvalidInputException(
          input
              + " is not an OpenPGP encrypted message (found "
              + (o == null ? "nothing" : o.getClass().getSimpleName())
              + ")");
    }
    SessionOpener.Opened opened = new SessionOpener(keys, passphrase).open(list, input);
    PGPEncryptedData data = opened.data;
    if (!data.isIntegrityProtected()) {
      throw new InvalidInputException(
          input
              + " is encrypted without integrity protection (no MDC or AEAD), so tampering could"
              + " not be detected; refusing it. Re-encrypt with a current OpenPGP tool");
    }
    long written = 0;
    String name = "";
    boolean sawLiteral = false;
    List<PGPOnePassSignature> onePass = new ArrayList<>();
    List<PGPSignature> before = new ArrayList<>();
    List<PGPSignature> after = new ArrayList<>();
    DataHashers hashers = new DataHashers();
    BcPGPObjectFactory layer = new BcPGPObjectFactory(opened.clear);
    int nesting = 0;
    Object inner;
    while ((inner = layer.nextObject()) != null) {
      if (inner instanceof PGPCompressedData compressed) {
        if (++nesting > MAX_NESTING) {
          throw new InvalidInputException(input + ": more than " + MAX_NESTING + " nested layers");
        }
        layer = new BcPGPObjectFactory(compressed.getDataStream());
      } else if (inner instanceof PGPOnePassSignatureList announced) {
        for (int i = 0; i < announced.size(); i++) {
          onePass.add(announced.get(i));
        }
      } else if (inner instanceof PGPSignatureList sigs) {
        sigs.forEach(sawLiteral ? after::add : before::add);
      } else if (inner instanceof PGPLiteralData literal) {
        if (sawLiteral) {
          throw new InvalidInputException(input + " holds more than one literal data packet");
        }
        sawLiteral = true;
        for (PGPOnePassSignature ops : onePass) {
          HashAlgorithm.byId(ops.getHashAlgorithm())
              .ifPresent(
                  a ->
                      hashers.need(
                          new SignatureChecker.HashKey(
                              a, ops.getSignatureType() == PGPSignature.CANONICAL_TEXT_DOCUMENT)));
        }
        for (PGPSignature sig : before) {
          SignatureChecker.hashKey(sig).ifPresent(hashers::need);
        }
        name = literal.getFileName();
        InputStream content = literal.getInputStream();
        byte[] buffer = new byte[CHUNK];
        int n;
        while ((n = content.read(buffer)) > 0) {
          hashers.update(buffer, 0, n);
          out.write(buffer, 0, n);
          written += n;
          tick.after(written);
        }
      } else if (!(inner instanceof PGPMarker)) {
        throw new InvalidInputException(
            input + " holds an unexpected " + inner.getClass().getSimpleName() + " inside");
      }
    }
    if (!sawLiteral) {
      throw new InvalidInputException(input + " holds no literal data");
    }
    if (!data.verify()) {
      throw new CorruptDataException(
          input,
          -1,
          "integrity check failed: the ciphertext was altered or damaged; nothing was written");
    }
    if (!onePass.isEmpty() && after.size() != onePass.size()) {
      throw new CorruptDataException(
          input,
          -1,
          "the message announces "
              + onePass.size()
              + " signatures but "
              + after.size()
              + " follow the data; it is truncated or damaged");
    }
    List<PGPSignature> signatures = new ArrayList<>(before);
    signatures.addAll(after);
    VerificationResult verification = null;
    Verifier v = verifier;
    if (!signatures.isEmpty() && v != null) {
      verification = v.judge().check(signatures, hashers);
    }
    Decrypted result = new Decrypted(name, written, opened.by, signatures.size(), verification);
    if (v != null && (verification == null || !verification.valid())) {
      // The caller asked for signed content: nothing appears under the output's name.
      throw new CheckFailedException(input + ": " + result.signatureStatus());
    }
    return result;
  }

  /**
   * What a decryption produced.
   *
   * @param fileName the file name stored in the message (may be empty)
   * @param bytes how many bytes were written
   * @param decryptedBy {@code key FINGERPRINT} or {@code passphrase}
   * @param signatureCount how many signatures the message holds inside its encryption (from {@code
   *     gpg --sign --encrypt}); 0 when it is not signed
   * @param signature the check of those signatures, or {@code null} when the message is not signed
   *     or no verifier was given ({@link Builder#verifySignatures(Verifier)})
   */
  public record Decrypted(
      String fileName,
      long bytes,
      String decryptedBy,
      int signatureCount,
      @Nullable VerificationResult signature) {
    /** Whether the message is signed inside its encryption. */
    public boolean signed() {
      return signatureCount > 0;
    }

    /** Whether the message is signed and its signature was checked and holds. */
    public boolean signatureVerified() {
      VerificationResult s = signature;
      return s != null && s.valid();
    }

    /**
     * One sentence on the message's signature: not signed; signed but not verified (so its origin
     * is unknown); or the verification's own reason, naming the key.
     */
    public String signatureStatus() {
      VerificationResult s = signature;
      if (signatureCount == 0) {
        return "the message is not signed, so who made it is unknown";
      }
      if (s == null) {
        return "the message is signed ("
            + signatureCount
            + (signatureCount == 1 ? " signature" : " signatures")
            + ") but the signature was NOT verified: give the signer's public keys to check it";
      }
      return (s.valid() ? "signature verified: " : "signature does NOT hold: ") + s.reason();
    }
  }

  /** Configures a {@link Decryptor}. */
  public static final class Builder {
    private final KeySources keys = new KeySources();
    private @Nullable Verifier verifier;

    private Builder() {}

    /**
     * Checks the signatures inside the message ({@code gpg --sign --encrypt}) with this verifier:
     * its keyrings, pinned fingerprints and policy. With a verifier, a message that is not signed,
     * or whose signature does not hold, throws {@link CheckFailedException} and leaves no output.
     * Without one, a signed message decrypts and {@link Decrypted#signatureStatus()} says plainly
     * that its signature was not verified.
     */
    public Builder verifySignatures(Verifier verifier) {
      this.verifier = verifier;
      return this;
    }

    /** The file {@code gpg --export-secret-keys} wrote, holding the recipient's secret key. */
    public Builder secretKeyRing(Path file) {
      keys.secretKeyRing(file);
      return this;
    }

    /**
     * The passphrase that unlocks the secret key, or decrypts a passphrase-encrypted message;
     * copied.
     */
    public Builder passphrase(char[] passphrase) {
      keys.passphrase(passphrase);
      return this;
    }

    /**
     * Loads the secret keys and builds.
     *
     * @throws IllegalStateException when neither a secret keyring nor a passphrase was given
     */
    public Decryptor build() {
      if (!keys.hasSecretKeyRing() && !keys.hasPassphrase()) {
        throw new IllegalStateException("Decryptor needs a secretKeyRing, a passphrase, or both");
      }
      Decryptor d = new Decryptor(this, keys.secretKeys());
      keys.wipePassphrase();
      return d;
    }
  }
}
