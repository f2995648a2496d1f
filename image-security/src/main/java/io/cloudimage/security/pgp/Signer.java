package io.cloudimage.security.pgp;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.output.OutputFile;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.security.pgp.internal.CanonicalTextGenerator;
import io.cloudimage.security.pgp.internal.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Makes OpenPGP signatures with a secret key, the way {@code gpg --detach-sign} and {@code gpg
 * --clear-sign} do: detached (binary or armored) over any file, and clear-signed text. Reads the
 * data once in constant memory and writes the signature atomically. Thread-safe and reusable; the
 * secret key is unlocked once, in {@link Builder#build()}.
 *
 * <pre>{@code
 * Signer signer = Signer.builder()
 *     .secretKeyRing(Path.of("release-secret.gpg"))   // gpg --export-secret-keys
 *     .fingerprint("F6ECB3762474EDA9D21B7022871920D1991BC93C")
 *     .passphrase(passphrase)
 *     .build();
 * signer.signDetached(Path.of("SHA256SUMS"), Path.of("SHA256SUMS.gpg"));
 * }</pre>
 */
public final class Signer {
  private static final int CHUNK = 256 * 1024;
  private static final Set<HashAlgorithm> WEAK =
      Set.of(HashAlgorithm.MD5, HashAlgorithm.SHA1, HashAlgorithm.RIPEMD160);

  private final PGPPrivateKey privateKey;
  private final PGPPublicKey publicKey;
  private final HashAlgorithm hash;
  private final boolean armor;
  private final Clock clock;
  private final Path keyFile;

  private Signer(Builder b, PGPPrivateKey privateKey, PGPPublicKey publicKey, Path keyFile) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.hash = b.hash;
    this.armor = b.armor;
    this.clock = b.clock;
    this.keyFile = keyFile;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The fingerprint of the key that signs (primary key or signing subkey), upper-case hex. */
  public String keyFingerprint() {
    return KeyRing.fingerprint(publicKey);
  }

  /** The hash every signature uses. */
  public HashAlgorithm hash() {
    return hash;
  }

  /**
   * Writes a detached signature over {@code data} to {@code signature}: binary (as {@code .gpg} or
   * {@code .sig}), or armored ({@code -----BEGIN PGP SIGNATURE-----}, as {@code .asc}) when the
   * builder asked for {@link Builder#armor()}.
   *
   * @throws NotFoundException when {@code data} is missing
   * @throws InvalidInputException when {@code signature} is the same file as {@code data} or the
   *     secret keyring (also through a link); nothing is written then
   * @throws io.cloudimage.core.error.CancelledException when cancelled; no signature is left
   */
  public void signDetached(
      Path data, Path signature, ProgressListener listener, Cancellation cancellation) {
    OutputFile.requireDistinct(signature, inputs(data));
    PGPSignatureGenerator generator = generator(PGPSignature.BINARY_DOCUMENT);
    String operation = "sign " + data;
    try (InputStream in = open(data)) {
      long total = Files.size(data);
      byte[] buffer = new byte[CHUNK];
      long done = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        cancellation.throwIfCancelled(operation);
        generator.update(buffer, 0, n);
        done += n;
        listener.onProgress(new Progress(operation, done, Math.max(total, done), ""));
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + data + ": " + e.getMessage(), e);
    }
    PGPSignature sig = generate(generator);
    AtomicOutput.write(
        signature,
        inputs(data),
        out -> {
          if (armor) {
            try (ArmoredOutputStream armored = armored(out)) {
              sig.encode(armored);
            }
          } else {
            sig.encode(out);
          }
        });
  }

  /** Writes a detached signature, without progress or cancellation. */
  public void signDetached(Path data, Path signature) {
    signDetached(data, signature, ProgressListener.NONE, Cancellation.never());
  }

  /** The files a signature must never overwrite: the data and the secret key. */
  private List<Path> inputs(Path data) {
    return List.of(data, keyFile);
  }

  /**
   * Writes {@code text} clear-signed to {@code output}, as {@code gpg --clear-sign} does: a {@code
   * Hash:} header naming the signature's hash, the text with every line that starts with {@code -}
   * dash-escaped, and a text-mode signature over the canonical text (CR LF line ends, trailing
   * spaces, tabs and carriage returns removed, as {@link CanonicalText} says). Line ends in the
   * output are LF; a final line end is implied.
   *
   * @throws NotFoundException when {@code text} is missing
   * @throws InvalidInputException when {@code output} is the same file as {@code text} or the
   *     secret keyring (also through a link); nothing is written then
   */
  public void signClearText(
      Path text, Path output, ProgressListener listener, Cancellation cancellation) {
    PGPSignatureGenerator generator = generator(PGPSignature.CANONICAL_TEXT_DOCUMENT);
    String operation = "clear-sign " + text;
    AtomicOutput.write(
        output,
        inputs(text),
        raw -> {
          long total = Files.size(text);
          try (InputStream in = open(text);
              OutputStream out = new java.io.BufferedOutputStream(raw, 1 << 16)) {
            out.write(
                ("-----BEGIN PGP SIGNED MESSAGE-----\nHash: " + hash.armorName() + "\n\n")
                    .getBytes(StandardCharsets.US_ASCII));
            LineReader lines = new LineReader(in, text.toString(), 16 << 20);
            byte[] line;
            boolean first = true;
            while ((line = lines.next()) != null) {
              if (lines.lineNumber() % 1024 == 0) {
                cancellation.throwIfCancelled(operation);
                listener.onProgress(
                    new Progress(operation, lines.offset(), Math.max(total, lines.offset()), ""));
              }
              int length = line.length;
              if (length > 0 && line[length - 1] == '\r') {
                length--;
              }
              if (length > 0 && line[0] == '-') {
                out.write('-');
                out.write(' ');
              }
              out.write(line, 0, length);
              out.write('\n');
              int signed = CanonicalText.signedEnd(line, 0, length);
              if (!first) {
                generator.update((byte) '\r');
                generator.update((byte) '\n');
              }
              generator.update(line, 0, signed);
              first = false;
            }
            listener.onProgress(new Progress(operation, total, total, ""));
            PGPSignature sig = generate(generator);
            ArmoredOutputStream armored = armored(out);
            sig.encode(armored);
            armored.close();
          }
        });
  }

  private PGPSignatureGenerator generator(int type) {
    try {
      BcPGPContentSignerBuilder content =
          new BcPGPContentSignerBuilder(publicKey.getAlgorithm(), hash.id());
      PGPSignatureGenerator g =
          type == PGPSignature.CANONICAL_TEXT_DOCUMENT
              ? new CanonicalTextGenerator(content, publicKey)
              : new PGPSignatureGenerator(content, publicKey);
      g.init(type, privateKey);
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setSignatureCreationTime(false, Date.from(clock.instant()));
      hashed.setIssuerFingerprint(false, publicKey);
      g.setHashedSubpackets(hashed.generate());
      PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
      unhashed.setIssuerKeyID(false, publicKey.getKeyID());
      g.setUnhashedSubpackets(unhashed.generate());
      return g;
    } catch (PGPException e) {
      throw new InvalidInputException(
          "cannot sign with key " + keyFingerprint() + ": " + e.getMessage(), e);
    }
  }

  private PGPSignature generate(PGPSignatureGenerator generator) {
    try {
      return generator.generate();
    } catch (PGPException e) {
      throw new InvalidInputException(
          "cannot sign with key " + keyFingerprint() + ": " + e.getMessage(), e);
    }
  }

  static ArmoredOutputStream armored(OutputStream out) {
    return ArmoredOutputStream.builder().clearHeaders().build(new NonClosing(out));
  }

  static InputStream open(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("file not found: " + file, e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Lets an armor or packet stream be closed (to flush its trailer) without closing the file. */
  static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /** Configures a {@link Signer}. */
  public static final class Builder {
    private final KeySources keys = new KeySources();
    private @Nullable String fingerprint;
    private @Nullable Long keyId;
    private HashAlgorithm hash = HashAlgorithm.SHA256;
    private boolean armor;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The file {@code gpg --export-secret-keys} wrote (binary or armored). Required. */
    public Builder secretKeyRing(Path file) {
      keys.secretKeyRing(file);
      return this;
    }

    /**
     * Signs with this key (primary or subkey), 40 or 64 hex digits. Default: the first key in the
     * file flagged for signing. Contradicts {@link #keyId(long)}.
     */
    public Builder fingerprint(String hex) {
      this.fingerprint = KeySources.fingerprint(hex, "");
      return this;
    }

    /** Signs with the key that has this 64-bit key id. Contradicts {@link #fingerprint(String)}. */
    public Builder keyId(long id) {
      this.keyId = id;
      return this;
    }

    /** The passphrase protecting the secret key; copied, and wiped after unlocking. */
    public Builder passphrase(char[] passphrase) {
      keys.passphrase(passphrase);
      return this;
    }

    /**
     * The hash every signature uses; default SHA-256. MD5, SHA-1 and RIPEMD-160 are refused: no
     * strict verifier (ours, gpg's defaults, apt) accepts new signatures made with them.
     */
    public Builder hash(HashAlgorithm algorithm) {
      if (WEAK.contains(algorithm)) {
        throw new InvalidInputException(
            algorithm.armorName()
                + " is too weak to sign with; use SHA256 (the default), SHA384 or SHA512");
      }
      this.hash = algorithm;
      return this;
    }

    /**
     * Writes detached signatures ASCII-armored ({@code -----BEGIN PGP SIGNATURE-----}, as {@code
     * .asc}); default binary. Clear-signed text is always armored.
     */
    public Builder armor() {
      this.armor = true;
      return this;
    }

    /** The clock that dates signatures; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Loads the secret key and unlocks it.
     *
     * @throws WrongPassphraseException when the passphrase does not unlock the key
     * @throws NotFoundException when the file or the chosen key is missing
     * @throws InvalidInputException when the key (or its primary key) is revoked, has expired, is
     *     not valid yet at the clock's time, or is not certified for signing data; the message
     *     names the key's fingerprint and the revocation or expiry time
     */
    public Signer build() {
      if (!keys.hasSecretKeyRing()) {
        throw new IllegalStateException("Signer.secretKeyRing is required");
      }
      if (fingerprint != null && keyId != null) {
        throw new IllegalStateException(
            "Signer.fingerprint and Signer.keyId both choose the key; give one");
      }
      SecretKeys secret = java.util.Objects.requireNonNull(keys.secretKeys());
      SecretKeys.Entry entry = secret.signingKey(fingerprint, keyId);
      PGPPublicKey key = entry.secret().getPublicKey();
      Instant now = clock.instant();
      // Refuse before unlocking: a signature by a revoked or expired key is refused by every
      // verifier (ours, gpgv, apt), so making one would only hand the caller a file that fails.
      KeyValidity.refusal(entry.certificate(), key, now)
          .ifPresent(
              why -> {
                throw new InvalidInputException(
                    "cannot sign with key "
                        + KeyRing.fingerprint(key)
                        + " at "
                        + now
                        + ": "
                        + why
                        + "; every verifier would refuse the signature: sign with a valid key,"
                        + " or extend the key's expiry if it has only expired");
              });
      char[] pass = keys.passphraseCopy();
      try {
        PGPPrivateKey privateKey =
            SecretKeys.unlock(entry.secret(), pass == null ? new char[0] : pass, secret.file());
        return new Signer(this, privateKey, key, secret.file());
      } finally {
        if (pass != null) {
          Arrays.fill(pass, '\0');
        }
        keys.wipePassphrase();
      }
    }
  }
}
