package io.cloudimage.security.pgp;

import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.security.digest.internal.FanOutReader;
import io.cloudimage.security.pgp.internal.SmallInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.openpgp.PGPSignature;
import org.jspecify.annotations.Nullable;

/**
 * Checks OpenPGP signatures as strictly as {@code gpgv}, in-process: detached signatures (binary or
 * armored, such as Ubuntu's {@code SHA256SUMS.gpg}), clear-signed text (apt's {@code InRelease},
 * Debian's {@code SHA512SUMS} signed inline) and inline signed messages. Thread-safe and reusable.
 *
 * <pre>{@code
 * Verifier verifier = Verifier.builder()
 *     .keyRing(Path.of("/usr/share/keyrings/ubuntu-archive-keyring.gpg"))
 *     .requireFingerprint("F6ECB3762474EDA9D21B7022871920D1991BC93C")
 *     .build();
 * // Throws CheckFailedException, saying which signatures failed and why, unless one holds.
 * verifier.verifyDetachedOrThrow(Path.of("SHA256SUMS"), Path.of("SHA256SUMS.gpg"));
 *
 * // Or look at every signature's verdict.
 * VerificationResult r = verifier.verifyDetached(Path.of("SHA256SUMS"), Path.of("SHA256SUMS.gpg"));
 * r.signatures().forEach(s -> System.out.println(s.signer() + ": " + s.reason()));
 * }</pre>
 *
 * <p>Every signature found gets its own {@link SignatureVerdict}; the result holds when at least
 * one valid signature comes from a required key: a pinned fingerprint (primary key or subkey) when
 * any are pinned, else any key of the keyrings. A signature is valid when its math is right, it is
 * not dated in the future beyond the clock skew, it has not expired, its hash passes the {@link
 * HashPolicy}, its key is strong enough, and the key (or signing subkey with a valid binding) was
 * neither expired nor revoked when the signature was made.
 *
 * <p>It offers each of the three signature forms (detached, clear-signed, inline) as a result and
 * as an {@code …OrThrow} check; the judging is in {@link SignatureJudge} and the reading of
 * messages with their content inside in {@link SignedMessageReader}.
 */
public final class Verifier {
  /** The largest detached signature file accepted. */
  public static final long MAX_SIGNATURE_BYTES = 1L << 20;

  private final List<Path> keyRingFiles;
  private final SignatureJudge judge;

  private Verifier(Builder b, KeyRing keys) {
    this.keyRingFiles = b.keys.keyRingFiles();
    this.judge =
        new SignatureJudge(
            keys, Set.copyOf(b.pinned), b.policy, b.minimumKeyBits, b.clockSkew, b.clock);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Verifies a detached signature over {@code data}. */
  public VerificationResult verifyDetached(Path data, Path signature) {
    return verifyDetached(data, signature, ProgressListener.NONE, Cancellation.never());
  }

  /**
   * Verifies a detached signature (binary or armored, one or several signatures) over {@code data},
   * reading the data once in constant memory.
   *
   * @throws NotFoundException when either file is missing
   * @throws InvalidInputException when the signature file is not OpenPGP signatures
   */
  public VerificationResult verifyDetached(
      Path data, Path signature, ProgressListener listener, Cancellation cancellation) {
    SmallInput input = SmallInput.read(signature, "signature", MAX_SIGNATURE_BYTES);
    for (String type : input.armorTypes()) {
      if (!type.equals("SIGNATURE")) {
        throw new InvalidInputException(
            signature + " holds an armored '" + type + "' block, not a detached signature");
      }
    }
    List<PGPSignature> sigs = SignatureJudge.parseSignatures(input, signature.toString());
    DataHashers hashers = new DataHashers();
    for (PGPSignature sig : sigs) {
      SignatureChecker.hashKey(sig).ifPresent(hashers::need);
    }
    if (!hashers.isEmpty()) {
      try (FileChannel channel = FileChannel.open(data, StandardOpenOption.READ)) {
        new FanOutReader(FanOutReader.DEFAULT_BUFFER_SIZE, FanOutReader.DEFAULT_BUFFER_COUNT)
            .run(
                FanOutReader.Source.of(channel),
                hashers.sinks(),
                "verify " + data,
                channel.size(),
                listener,
                cancellation);
      } catch (NoSuchFileException e) {
        throw new NotFoundException("signed file not found: " + data, e);
      } catch (IOException e) {
        throw new InvalidInputException("cannot read " + data + ": " + e.getMessage(), e);
      }
    }
    return judge.check(sigs, hashers);
  }

  /**
   * Verifies a clear-signed or inline signed file, choosing by its content, and writes the signed
   * content to {@code output} only when the result is valid.
   *
   * @param output where the verified content goes, or {@code null} to discard it
   */
  public VerificationResult verify(
      Path file, @Nullable Path output, ProgressListener listener, Cancellation cancellation) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(64);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("signed file not found: " + file, e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
    String start = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
    if (start.startsWith(SignedMessageReader.BEGIN_CLEAR_SIGNED)) {
      return verifyClearSigned(file, output, listener, cancellation);
    }
    if (start.startsWith("-----BEGIN PGP SIGNATURE-----")) {
      throw new InvalidInputException(
          file + " is a detached signature; give the signed file and pass this as the signature");
    }
    return verifyInline(file, output, listener, cancellation);
  }

  /** Verifies a clear-signed or inline signed file, discarding its content. */
  public VerificationResult verify(Path file) {
    return verify(file, null, ProgressListener.NONE, Cancellation.never());
  }

  /**
   * Verifies a clear-signed text file ({@code -----BEGIN PGP SIGNED MESSAGE-----}), such as apt's
   * {@code InRelease}: undoes dash-escaping, canonicalises the text, checks every signature in the
   * block and that each signature's hash is named in a {@code Hash:} header.
   *
   * @param output where the verified text goes (with LF line ends), or {@code null}
   */
  public VerificationResult verifyClearSigned(
      Path file, @Nullable Path output, ProgressListener listener, Cancellation cancellation) {
    return AtomicOutput.produce(
        output,
        inputs(file),
        out -> new SignedMessageReader(file, this, listener, cancellation).readClearSigned(out));
  }

  /**
   * Verifies an inline signed message (binary or armored; one-pass or prefixed signatures;
   * compressed or not), streaming its content.
   *
   * @param output where the verified content goes, or {@code null}
   */
  public VerificationResult verifyInline(
      Path file, @Nullable Path output, ProgressListener listener, Cancellation cancellation) {
    return AtomicOutput.produce(
        output,
        inputs(file),
        out -> new SignedMessageReader(file, this, listener, cancellation).readInline(out));
  }

  /**
   * Like {@link #verifyDetached(Path, Path, ProgressListener, Cancellation)}, for callers that stop
   * on a bad signature.
   *
   * <pre>{@code
   * try {
   *   verifier.verifyDetachedOrThrow(sums, sums.resolveSibling("SHA256SUMS.gpg"));
   * } catch (CheckFailedException e) {
   *   // e.getMessage(): "SHA256SUMS: no valid signature from ...", naming keys and reasons
   * }
   * }</pre>
   *
   * @return the valid result
   * @throws CheckFailedException when the result is not valid, with its reason
   */
  public VerificationResult verifyDetachedOrThrow(
      Path data, Path signature, ProgressListener listener, Cancellation cancellation) {
    return valid(data, verifyDetached(data, signature, listener, cancellation));
  }

  /**
   * {@link #verifyDetachedOrThrow(Path, Path, ProgressListener, Cancellation)} without progress.
   */
  public VerificationResult verifyDetachedOrThrow(Path data, Path signature) {
    return verifyDetachedOrThrow(data, signature, ProgressListener.NONE, Cancellation.never());
  }

  /**
   * Like {@link #verify(Path, Path, ProgressListener, Cancellation)}: writes the content only when
   * valid, and throws otherwise.
   *
   * @throws CheckFailedException when the result is not valid, with its reason
   */
  public VerificationResult verifyOrThrow(
      Path file, @Nullable Path output, ProgressListener listener, Cancellation cancellation) {
    return valid(file, verify(file, output, listener, cancellation));
  }

  /** {@link #verifyOrThrow(Path, Path, ProgressListener, Cancellation)}, discarding the content. */
  public VerificationResult verifyOrThrow(Path file) {
    return verifyOrThrow(file, null, ProgressListener.NONE, Cancellation.never());
  }

  /**
   * Like {@link #verifyClearSigned}: writes the text only when valid, and throws otherwise.
   *
   * @throws CheckFailedException when the result is not valid, with its reason
   */
  public VerificationResult verifyClearSignedOrThrow(
      Path file, @Nullable Path output, ProgressListener listener, Cancellation cancellation) {
    return valid(file, verifyClearSigned(file, output, listener, cancellation));
  }

  /**
   * Like {@link #verifyInline}: writes the content only when valid, and throws otherwise.
   *
   * @throws CheckFailedException when the result is not valid, with its reason
   */
  public VerificationResult verifyInlineOrThrow(
      Path file, @Nullable Path output, ProgressListener listener, Cancellation cancellation) {
    return valid(file, verifyInline(file, output, listener, cancellation));
  }

  private static VerificationResult valid(Path file, VerificationResult result) {
    if (!result.valid()) {
      throw new CheckFailedException(file + ": " + result.reason());
    }
    return result;
  }

  /** The files an output must not be: the signed file and the keyrings. */
  private List<Path> inputs(Path file) {
    List<Path> inputs = new ArrayList<>(keyRingFiles);
    inputs.add(file);
    return inputs;
  }

  /** What judges the signatures this verifier finds. */
  SignatureJudge judge() {
    return judge;
  }

  /** Configures a {@link Verifier}. */
  public static final class Builder {
    private final KeySources keys = new KeySources();
    private final Set<String> pinned = new LinkedHashSet<>();
    private HashPolicy policy = HashPolicy.strict();
    private int minimumKeyBits = 2048;
    private Duration clockSkew = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Adds a keyring file (binary {@code .gpg} or armored {@code .asc}); repeatable. */
    public Builder keyRing(Path file) {
      keys.addKeyRing(file);
      return this;
    }

    /** Adds keys already loaded. */
    public Builder keyRing(KeyRing keys) {
      this.keys.addKeyRing(keys);
      return this;
    }

    /**
     * Requires a valid signature from this key: a v4 fingerprint of 40 hex digits (spaces allowed),
     * of the primary key or the signing subkey. Repeatable: any one pinned key suffices.
     */
    public Builder requireFingerprint(String hex) {
      pinned.add(KeySources.fingerprint(hex, "; a short key id is not safe to pin"));
      return this;
    }

    /** Which hashes data signatures may use; default {@link HashPolicy#strict()}. */
    public Builder hashPolicy(HashPolicy policy) {
      this.policy = policy;
      return this;
    }

    /** The smallest RSA, DSA or ElGamal key accepted, in bits; default 2048. */
    public Builder minimumKeyBits(int bits) {
      if (bits < 512) {
        throw new IllegalArgumentException("minimumKeyBits must be >= 512, was " + bits);
      }
      this.minimumKeyBits = bits;
      return this;
    }

    /** How far in the future a signature may be dated; default 5 minutes. */
    public Builder clockSkew(Duration skew) {
      if (skew.isNegative()) {
        throw new IllegalArgumentException("clockSkew must not be negative, was " + skew);
      }
      this.clockSkew = skew;
      return this;
    }

    /** The clock that says what "now" is; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Loads the keyrings and builds.
     *
     * @throws IllegalStateException when no keyring was given
     */
    public Verifier build() {
      if (!keys.hasPublicKeys()) {
        throw new IllegalStateException(
            "Verifier.keyRing is required: give the keyring(s) of the keys you trust");
      }
      return new Verifier(this, java.util.Objects.requireNonNull(keys.publicKeys()));
    }
  }
}
