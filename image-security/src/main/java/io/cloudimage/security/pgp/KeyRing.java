package io.cloudimage.security.pgp;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.security.pgp.internal.SmallInput;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.util.encoders.Hex;
import org.jspecify.annotations.Nullable;

/**
 * Public keys to check signatures against, loaded from binary ({@code .gpg}, as {@code gpg
 * --export} writes and {@code /usr/share/keyrings} holds) or armored ({@code .asc}) files. Several
 * files may be combined. Immutable.
 *
 * <pre>{@code
 * KeyRing keys = KeyRing.load(Path.of("/usr/share/keyrings/ubuntu-archive-keyring.gpg"));
 * }</pre>
 */
public final class KeyRing {
  /** The largest keyring file accepted; the Debian developers' keyring is well below. */
  public static final long MAX_KEYRING_BYTES = 256L << 20;

  private final List<PGPPublicKeyRing> rings;

  private KeyRing(List<PGPPublicKeyRing> rings) {
    this.rings = List.copyOf(rings);
  }

  /**
   * Loads and combines keyring files.
   *
   * @throws io.cloudimage.core.error.NotFoundException when a file is missing
   * @throws InvalidInputException when a file is not an OpenPGP public keyring, naming why
   */
  public static KeyRing load(Path... files) {
    return load(List.of(files));
  }

  /** Loads and combines keyring files. */
  public static KeyRing load(List<Path> files) {
    if (files.isEmpty()) {
      throw new InvalidInputException("no keyring given; pass at least one .gpg or .asc file");
    }
    List<PGPPublicKeyRing> all = new ArrayList<>();
    for (Path file : files) {
      all.addAll(parse(SmallInput.read(file, "keyring", MAX_KEYRING_BYTES), file.toString()));
    }
    return new KeyRing(all);
  }

  /** Parses a keyring held in memory (binary or armored); {@code name} appears in messages. */
  public static KeyRing parse(byte[] data, String name) {
    return new KeyRing(parse(SmallInput.decode(data, name, "keyring"), name));
  }

  private static List<PGPPublicKeyRing> parse(SmallInput input, String what) {
    for (String type : input.armorTypes()) {
      if (!type.equals("PUBLIC KEY BLOCK")) {
        throw new InvalidInputException(
            what
                + " holds an armored '"
                + type
                + "' block, not a public key block; export public keys with gpg --export --armor");
      }
    }
    int first = input.packets().get(0).tag();
    if (first == 5) {
      throw new InvalidInputException(
          what + " is a secret key file; give the public keys (gpg --export) to verify with");
    }
    if (first != 6) {
      throw new InvalidInputException(
          what
              + " is not an OpenPGP keyring: its first packet is tag "
              + first
              + " ("
              + Packets.name(first)
              + "), a keyring starts with a public key (tag 6)");
    }
    try {
      PGPPublicKeyRingCollection collection =
          new PGPPublicKeyRingCollection(input.binary(), new BcKeyFingerprintCalculator());
      List<PGPPublicKeyRing> out = new ArrayList<>();
      collection.getKeyRings().forEachRemaining(out::add);
      if (out.isEmpty()) {
        throw new InvalidInputException(what + " holds no public keys");
      }
      return out;
    } catch (InvalidInputException e) {
      throw e;
    } catch (Exception e) {
      throw new CorruptDataException(
          null, -1, what + " is not a valid OpenPGP keyring: " + e.getMessage(), e);
    }
  }

  /** This keyring with the keys of {@code other} added. */
  public KeyRing plus(KeyRing other) {
    List<PGPPublicKeyRing> all = new ArrayList<>(rings);
    all.addAll(other.rings);
    return new KeyRing(all);
  }

  /** A summary of every primary key, in the order the keyring files hold them. */
  public List<KeyInfo> keys() {
    List<KeyInfo> out = new ArrayList<>();
    for (PGPPublicKeyRing ring : rings) {
      PGPPublicKey key = ring.getPublicKey();
      List<String> ids = new ArrayList<>();
      key.getUserIDs().forEachRemaining(ids::add);
      Instant created = key.getCreationTime().toInstant();
      long validSeconds = key.getValidSeconds();
      out.add(
          new KeyInfo(
              fingerprint(key),
              ids,
              Packets.keyAlgorithm(key.getAlgorithm()),
              key.getBitStrength(),
              created,
              validSeconds > 0 ? created.plusSeconds(validSeconds) : null));
    }
    return out;
  }

  /**
   * A primary key, as {@code gpg --list-keys} describes it.
   *
   * @param fingerprint upper-case hex
   * @param userIds its user ids, such as {@code Ubuntu Archive Automatic Signing Key (2018)}
   * @param algorithm such as {@code RSA}, {@code EdDSA}
   * @param bits key size in bits
   * @param created its creation time
   * @param expires when its self-signature says it expires; {@code null} when it never does
   */
  public record KeyInfo(
      String fingerprint,
      List<String> userIds,
      String algorithm,
      int bits,
      Instant created,
      @Nullable Instant expires) {
    public KeyInfo {
      userIds = List.copyOf(userIds);
    }
  }

  List<PGPPublicKeyRing> rings() {
    return rings;
  }

  /** The key (primary or subkey) with this fingerprint, or with this key id when no fingerprint. */
  @Nullable Match find(byte @Nullable [] fingerprint, long keyId) {
    for (PGPPublicKeyRing ring : rings) {
      Iterator<PGPPublicKey> keys = ring.getPublicKeys();
      while (keys.hasNext()) {
        PGPPublicKey key = keys.next();
        boolean hit =
            fingerprint != null
                ? java.util.Arrays.equals(key.getFingerprint(), fingerprint)
                : key.getKeyID() == keyId;
        if (hit) {
          return new Match(ring, key);
        }
      }
    }
    return null;
  }

  /** A key and the ring it belongs to. */
  static final class Match {
    private final PGPPublicKeyRing ring;
    private final PGPPublicKey key;

    Match(PGPPublicKeyRing ring, PGPPublicKey key) {
      this.ring = ring;
      this.key = key;
    }

    PGPPublicKeyRing ring() {
      return ring;
    }

    PGPPublicKey key() {
      return key;
    }
  }

  static String fingerprint(PGPPublicKey key) {
    return Hex.toHexString(key.getFingerprint()).toUpperCase(Locale.ROOT);
  }

  static boolean isV4OrLater(PGPPublicKey key) {
    return key.getVersion() >= PublicKeyPacket.VERSION_4;
  }
}
