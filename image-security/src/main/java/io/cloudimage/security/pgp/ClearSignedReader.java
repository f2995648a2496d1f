package io.cloudimage.security.pgp;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.security.pgp.internal.ArmorInputStream;
import io.cloudimage.security.pgp.internal.LineReader;
import io.cloudimage.security.pgp.internal.SmallInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.openpgp.PGPSignature;
import org.jspecify.annotations.Nullable;

/**
 * Reads a cleartext signed message (RFC 9580 section 7) in one streaming pass: the text is hashed,
 * canonicalised (trailing spaces and tabs removed, CR LF line ends, no final line end) with every
 * algorithm its {@code Hash:} headers name, then the signature block is parsed.
 */
final class ClearSignedReader extends SignedMessageReader {
  private static final String BEGIN = "-----BEGIN PGP SIGNED MESSAGE-----";
  private static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LF = {'\n'};
  private static final int MAX_LINE = 1 << 20;

  ClearSignedReader(
      Path file, Verifier verifier, ProgressListener listener, Cancellation cancellation) {
    super(file, verifier, listener, cancellation);
  }

  @Override
  VerificationResult verify(OutputStream out) throws IOException {
    try (InputStream in = Verifier.open(file)) {
      LineReader lines = new LineReader(in, file.toString(), MAX_LINE);
      byte[] first;
      do {
        first = lines.next();
        if (first == null) {
          throw new CorruptDataException(file, 0, "empty file; expected a clear-signed message");
        }
      } while (text(first).isBlank());
      if (!text(first).strip().equals(BEGIN)) {
        throw new InvalidInputException(file + " does not start with '" + BEGIN + "'");
      }
      Set<HashAlgorithm> declared = declaredHashes(ArmorInputStream.readHeaders(lines));
      DataHashers hashers = new DataHashers();
      for (HashAlgorithm a : declared.isEmpty() ? EnumSet.allOf(HashAlgorithm.class) : declared) {
        hashers.need(new SignatureChecker.HashKey(a, false));
      }
      hashText(lines, hashers, out);
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
      requireNothingAfter(lines);
      SmallInput sigInput =
          SmallInput.decode(sigBytes.toByteArray(), file + " signature block", "signature");
      List<PGPSignature> sigs = Verifier.parseSignatures(sigInput, file + " signature block");
      // The text was hashed canonicalised already, so every signature is looked up as binary.
      return verifier.check(
          sigs,
          hashers,
          sig ->
              HashAlgorithm.byId(sig.getHashAlgorithm())
                  .map(a -> new SignatureChecker.HashKey(a, false)),
          sig -> undeclaredHash(sig, declared));
    }
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
              + (text.startsWith(BEGIN)
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
}
