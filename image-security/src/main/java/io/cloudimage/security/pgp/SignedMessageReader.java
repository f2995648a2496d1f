package io.cloudimage.security.pgp;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.security.pgp.internal.ArmorInputStream;
import io.cloudimage.security.pgp.internal.LineReader;
import io.cloudimage.security.pgp.internal.SmallInput;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reads a signed message that carries its content, in one streaming pass: the content is hashed and
 * copied to an output as it arrives, then the signatures that follow it are judged by the {@link
 * Verifier}. Nothing is held in memory but the signatures. Two framings carry the content:
 *
 * <ul>
 *   <li>{@link #readClearSigned clear-signed text} (RFC 9580 section 7): the text is hashed
 *       canonicalised (trailing spaces and tabs removed, CR LF line ends, no final line end) with
 *       every algorithm its {@code Hash:} headers name, then the armored signature block is parsed;
 *   <li>{@link #readInline inline packets}: optional armor, compression layers, one-pass signature
 *       packets (or signatures ahead of the data, the older form), the literal data and the
 *       trailing signatures.
 * </ul>
 */
final class SignedMessageReader {
  static final String BEGIN_CLEAR_SIGNED = "-----BEGIN PGP SIGNED MESSAGE-----";
  private static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LF = {'\n'};
  private static final int MAX_LINE = 1 << 20;
  private static final int MAX_NESTING = 8;

  private final Path file;
  private final Verifier verifier;
  private final ProgressListener listener;
  private final Cancellation cancellation;

  SignedMessageReader(
      Path file, Verifier verifier, ProgressListener listener, Cancellation cancellation) {
    this.file = file;
    this.verifier = verifier;
    this.listener = listener;
    this.cancellation = cancellation;
  }

  // ---- clear-signed text ----

  /** Reads a clear-signed message, writing its text (LF line ends) to {@code out}. */
  VerificationResult readClearSigned(OutputStream out) throws IOException {
    try (InputStream in = open(file)) {
      LineReader lines = new LineReader(in, file.toString(), MAX_LINE);
      byte[] first;
      do {
        first = lines.next();
        if (first == null) {
          throw new CorruptDataException(file, 0, "empty file; expected a clear-signed message");
        }
      } while (text(first).isBlank());
      if (!text(first).strip().equals(BEGIN_CLEAR_SIGNED)) {
        throw new InvalidInputException(file + " does not start with '" + BEGIN_CLEAR_SIGNED + "'");
      }
      Set<HashAlgorithm> declared = declaredHashes(ArmorInputStream.readHeaders(lines));
      DataHashers hashers = new DataHashers();
      for (HashAlgorithm a : declared.isEmpty() ? EnumSet.allOf(HashAlgorithm.class) : declared) {
        hashers.need(new SignatureChecker.HashKey(a, false));
      }
      hashText(lines, hashers, out);
      byte[] block = signatureBlock(lines);
      requireNothingAfter(lines);
      List<PGPSignature> sigs =
          SignatureJudge.parseSignatures(
              SmallInput.decode(block, file + " signature block", "signature"),
              file + " signature block");
      // The text was hashed canonicalised already, so every signature is looked up as binary.
      return verifier
          .judge()
          .check(
              sigs,
              hashers,
              sig ->
                  HashAlgorithm.byId(sig.getHashAlgorithm())
                      .map(a -> new SignatureChecker.HashKey(a, false)),
              sig -> undeclaredHash(sig, declared));
    }
  }

  /** The bytes of the armored signature block that follows the text, bounded in size. */
  private byte[] signatureBlock(LineReader lines) throws IOException {
    ArmorInputStream armor = ArmorInputStream.afterBegin(lines, "SIGNATURE");
    ByteArrayOutputStream sigBytes = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = armor.read(buf, 0, buf.length)) > 0) {
      sigBytes.write(buf, 0, n);
      if (sigBytes.size() > Verifier.MAX_SIGNATURE_BYTES) {
        throw new InvalidInputException(
            file + ": the signature block is larger than " + Verifier.MAX_SIGNATURE_BYTES);
      }
    }
    return sigBytes.toByteArray();
  }

  /** Why a signature whose hash the {@code Hash:} headers do not list is refused, if it is. */
  private static @Nullable String undeclaredHash(PGPSignature sig, Set<HashAlgorithm> declared) {
    var hash = HashAlgorithm.byId(sig.getHashAlgorithm());
    if (declared.isEmpty() || hash.isEmpty() || declared.contains(hash.get())) {
      return null;
    }
    return "signature uses "
        + hash.get().armorName()
        + " but the message's Hash: header lists only "
        + declared;
  }

  private void hashText(LineReader lines, DataHashers hashers, OutputStream out)
      throws IOException {
    boolean firstLine = true;
    long bytes = 0;
    while (true) {
      byte[] line = lines.next();
      if (line == null) {
        throw new CorruptDataException(
            file,
            lines.offset(),
            "clear-signed message is truncated: no '" + BEGIN_SIGNATURE + "'");
      }
      int start = 0;
      int end = line.length;
      if (end > 0 && line[0] == '-') {
        if (text(line).stripTrailing().equals(BEGIN_SIGNATURE)) {
          return;
        }
        if (end < 2 || line[1] != ' ') {
          throw new CorruptDataException(
              file,
              lines.offset(),
              "line " + lines.lineNumber() + " starts with '-' but is not dash-escaped ('- ')");
        }
        start = 2;
      }
      if (end > start && line[end - 1] == '\r') {
        end--;
      }
      out.write(line, start, end - start);
      out.write(LF);
      int trimmed = CanonicalText.signedEnd(line, start, end);
      if (!firstLine) {
        hashers.update(CRLF, 0, 2);
      }
      hashers.update(line, start, trimmed - start);
      firstLine = false;
      bytes += line.length + 1;
      if ((lines.lineNumber() & 0x3fff) == 0) {
        progress(bytes, "hashing text");
      }
    }
  }

  /**
   * Refuses anything but blank lines after the signature block. Text there is not signed, and a
   * second signed message there would let a reader of the file see content that this check never
   * covered (gpgv refuses such a file too: "multiple plaintexts").
   */
  private void requireNothingAfter(LineReader lines) {
    byte[] line;
    while ((line = lines.next()) != null) {
      String text = text(line).strip();
      if (text.isEmpty()) {
        continue;
      }
      throw new CorruptDataException(
          file,
          lines.offset(),
          "line "
              + lines.lineNumber()
              + (text.startsWith(BEGIN_CLEAR_SIGNED)
                  ? " starts a second signed message after the signature;"
                  : " holds text after the signature, which no signature covers;")
              + " a clear-signed file holds one message: split it, or sign it again");
    }
  }

  private Set<HashAlgorithm> declaredHashes(Map<String, List<String>> headers) {
    Set<HashAlgorithm> out = EnumSet.noneOf(HashAlgorithm.class);
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (!e.getKey().equalsIgnoreCase("Hash")) {
        throw new InvalidInputException(
            file
                + ": unexpected armor header '"
                + e.getKey()
                + "' in a clear-signed message; only 'Hash' is allowed");
      }
      for (String value : e.getValue()) {
        for (String name : value.split(",")) {
          out.add(
              HashAlgorithm.byArmorName(name)
                  .orElseThrow(
                      () ->
                          new InvalidInputException(
                              file + ": unknown hash '" + name.trim() + "' in the Hash: header")));
        }
      }
    }
    return out;
  }

  private static String text(byte[] raw) {
    return new String(raw, StandardCharsets.ISO_8859_1);
  }

  // ---- inline packets ----

  /** Reads an inline signed message (binary or armored), writing its content to {@code out}. */
  VerificationResult readInline(OutputStream out) throws IOException {
    try (BufferedInputStream raw = open(file)) {
      InputStream in = raw;
      if (SmallInput.isArmored(SmallInput.peek(raw, 256))) {
        ArmorInputStream armor = ArmorInputStream.next(new LineReader(raw, file.toString(), 4096));
        if (armor == null || !armor.type().equals("MESSAGE")) {
          throw new InvalidInputException(
              file
                  + " is armored but not a 'PGP MESSAGE'"
                  + (armor == null ? "" : " (it is '" + armor.type() + "')"));
        }
        in = armor;
      }
      return readPackets(in, out);
    } catch (CloudImageException e) {
      throw e;
    } catch (Exception e) {
      throw new CorruptDataException(
          file,
          -1,
          "damaged OpenPGP message: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          e);
    }
  }

  private VerificationResult readPackets(InputStream in, OutputStream out) throws Exception {
    BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
    List<PGPOnePassSignature> onePass = new ArrayList<>();
    List<PGPSignature> before = new ArrayList<>();
    List<PGPSignature> after = new ArrayList<>();
    DataHashers hashers = null;
    int nesting = 0;
    Object o;
    while ((o = factory.nextObject()) != null) {
      if (o instanceof PGPMarker) {
        continue;
      }
      if (o instanceof PGPCompressedData compressed) {
        if (++nesting > MAX_NESTING) {
          throw new InvalidInputException(file + ": more than " + MAX_NESTING + " nested layers");
        }
        factory = new BcPGPObjectFactory(compressed.getDataStream());
      } else if (o instanceof PGPOnePassSignatureList list) {
        for (int i = 0; i < list.size(); i++) {
          onePass.add(list.get(i));
        }
      } else if (o instanceof PGPSignatureList list) {
        list.forEach(hashers == null ? before::add : after::add);
      } else if (o instanceof PGPLiteralData literal) {
        if (hashers != null) {
          throw new InvalidInputException(file + " holds more than one literal data packet");
        }
        hashers = announcedHashes(onePass, before);
        copy(literal.getInputStream(), hashers, out);
      } else if (o instanceof PGPEncryptedDataList) {
        throw new InvalidInputException(
            file + " is encrypted; decrypt it first (Decryptor), then verify the result");
      } else {
        throw new InvalidInputException(
            file + ": unexpected " + o.getClass().getSimpleName() + " in a signed message");
      }
    }
    if (hashers == null) {
      throw new InvalidInputException(
          file + " holds no signed content (no literal data packet); is it a detached signature?");
    }
    if (!onePass.isEmpty() && after.size() != onePass.size()) {
      throw new CorruptDataException(
          file,
          -1,
          "message announces "
              + onePass.size()
              + " signatures but "
              + after.size()
              + " follow the data; it is truncated or damaged");
    }
    List<PGPSignature> sigs = new ArrayList<>(before);
    sigs.addAll(after);
    return verifier.judge().check(sigs, hashers);
  }

  /** The hashes the one-pass packets and the prefixed signatures ask the content to be run by. */
  private static DataHashers announcedHashes(
      List<PGPOnePassSignature> onePass, List<PGPSignature> before) {
    DataHashers hashers = new DataHashers();
    for (PGPOnePassSignature ops : onePass) {
      boolean text = ops.getSignatureType() == PGPSignature.CANONICAL_TEXT_DOCUMENT;
      HashAlgorithm.byId(ops.getHashAlgorithm())
          .ifPresent(a -> hashers.need(new SignatureChecker.HashKey(a, text)));
    }
    for (PGPSignature sig : before) {
      SignatureChecker.hashKey(sig).ifPresent(hashers::need);
    }
    return hashers;
  }

  private void copy(InputStream content, DataHashers hashers, OutputStream out) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long done = 0;
    int n;
    while ((n = content.read(buffer)) > 0) {
      hashers.update(buffer, 0, n);
      out.write(buffer, 0, n);
      done += n;
      if ((done & ((64L << 20) - 1)) < n) {
        progress(done, "hashing");
      }
    }
  }

  // ---- shared ----

  /** Stops when cancelled, else reports {@code bytes} of the content read so far. */
  private void progress(long bytes, String phase) {
    cancellation.throwIfCancelled("verify " + file);
    listener.onProgress(new Progress("verify " + file, bytes, -1, phase));
  }

  static BufferedInputStream open(Path file) {
    try {
      return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("signed file not found: " + file, e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
