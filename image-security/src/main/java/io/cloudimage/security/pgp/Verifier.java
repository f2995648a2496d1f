package io.cloudimage.security.pgp;

import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.security.digest.internal.FanOutReader;
import io.cloudimage.security.pgp.internal.PacketFramer;
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
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
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
 * <p>Over 400 lines because it offers each of the three signature forms (detached, clear-signed,
 * inline) as a result and as an {@code …OrThrow} check, each short; the checking itself is in
 * {@link SignatureChecker} and the parsing in {@link SignedMessageReader}.
 */
public final class Verifier {
  /** The largest detached signature file accepted. */
  public static final long MAX_SIGNATURE_BYTES = 1L << 20;

  private final KeyRing keys;
  private final List<Path> keyRingFiles;
  private final Set<String> pinned;
  private final HashPolicy policy;
  private final int minimumKeyBits;
  private final Duration clockSkew;
  private final Clock clock;

  private Verifier(Builder b, KeyRing keys) {
    this.keys = keys;
    this.keyRingFiles = b.keys.keyRingFiles();
    this.pinned = Set.copyOf(b.pinned);
    this.policy = b.policy;
    this.minimumKeyBits = b.minimumKeyBits;
    this.clockSkew = b.clockSkew;
    this.clock = b.clock;
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
    List<PGPSignature> sigs = parseSignatures(input, signature.toString());
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
    return check(sigs, hashers);
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

  SignatureChecker checker() {
    return new SignatureChecker(keys, policy, minimumKeyBits, clockSkew, clock.instant());
  }

  /** Document signatures only: a key certification over data proves nothing about the data. */
  static @Nullable String typeRefusal(PGPSignature sig) {
    int type = sig.getSignatureType();
    if (type == PGPSignature.BINARY_DOCUMENT || type == PGPSignature.CANONICAL_TEXT_DOCUMENT) {
      return null;
    }
    return "signature type 0x"
        + Integer.toHexString(type)
        + " is not a document signature (0x00 or 0x01)";
  }

  static List<PGPSignature> parseSignatures(SmallInput input, String what) {
    for (PacketFramer.Packet p : input.packets()) {
      if (p.tag() != 2 && p.tag() != 10) {
        throw new InvalidInputException(
            what
                + " holds a "
                + Packets.name(p.tag())
                + " packet (tag "
                + p.tag()
                + "); a signature file holds only signature packets");
      }
    }
    List<PGPSignature> out = new ArrayList<>();
    try {
      BcPGPObjectFactory factory = new BcPGPObjectFactory(input.binary());
      Object o;
      while ((o = factory.nextObject()) != null) {
        if (o instanceof PGPSignatureList list) {
          list.forEach(out::add);
        }
      }
    } catch (CloudImageException e) {
      throw e;
    } catch (Exception e) {
      throw new CorruptDataException(
          null, -1, what + ": damaged signature packet: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(what + " holds no signatures");
    }
    return out;
  }

  /**
   * Checks each signature against the data hashed as its type asks (binary or canonical text), and
   * concludes.
   */
  VerificationResult check(List<PGPSignature> signatures, DataHashers hashers) {
    return check(signatures, hashers, SignatureChecker::hashKey, sig -> null);
  }

  /**
   * Checks each signature against the hash {@code hashKey} picks for it, refusing any that is not a
   * document signature or that {@code refusal} names a reason for, and concludes.
   */
  VerificationResult check(
      List<PGPSignature> signatures,
      DataHashers hashers,
      Function<PGPSignature, Optional<SignatureChecker.HashKey>> hashKey,
      Function<PGPSignature, @Nullable String> refusal) {
    SignatureChecker checker = checker();
    List<SignatureVerdict> verdicts = new ArrayList<>();
    for (PGPSignature sig : signatures) {
      String typeRefusal = typeRefusal(sig);
      verdicts.add(
          checker.check(
              sig,
              hashKey.apply(sig).map(hashers::get).orElse(null),
              typeRefusal != null ? typeRefusal : refusal.apply(sig)));
    }
    return conclude(verdicts);
  }

  /** Combines verdicts into a result under the pinning rule. */
  VerificationResult conclude(List<SignatureVerdict> verdicts) {
    if (verdicts.isEmpty()) {
      return new VerificationResult(false, verdicts, "no signatures found");
    }
    List<SignatureVerdict> good =
        verdicts.stream().filter(SignatureVerdict::valid).collect(Collectors.toList());
    List<SignatureVerdict> required = good.stream().filter(this::isRequired).toList();
    if (!required.isEmpty()) {
      SignatureVerdict v = required.get(0);
      return new VerificationResult(
          true,
          verdicts,
          "good signature from "
              + v.keyFingerprint()
              + " made "
              + v.created()
              + " with "
              + v.hashAlgorithm()
              + (verdicts.size() > 1 ? " (" + verdicts.size() + " signatures checked)" : ""));
    }
    if (!good.isEmpty()) {
      return new VerificationResult(
          false,
          verdicts,
          "no valid signature from a required key; valid signatures came from "
              + good.stream()
                  .map(SignatureVerdict::primaryKeyFingerprint)
                  .collect(Collectors.joining(", "))
              + " but the required fingerprints are "
              + String.join(", ", pinned));
    }
    return new VerificationResult(
        false,
        verdicts,
        verdicts.stream()
            .map(v -> "signature by " + v.signer() + ": " + v.reason())
            .collect(Collectors.joining("; ")));
  }

  private boolean isRequired(SignatureVerdict v) {
    return pinned.isEmpty()
        || pinned.contains(v.keyFingerprint())
        || pinned.contains(v.primaryKeyFingerprint());
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
