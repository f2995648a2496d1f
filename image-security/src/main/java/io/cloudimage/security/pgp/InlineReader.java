package io.cloudimage.security.pgp;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.security.pgp.internal.ArmorInputStream;
import io.cloudimage.security.pgp.internal.LineReader;
import io.cloudimage.security.pgp.internal.SmallInput;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * Streams an inline signed message: optional armor, compression layers, one-pass signature packets
 * (or signatures ahead of the data, the older form), the literal data and the trailing signatures.
 * The content is hashed and copied out as it arrives; nothing is held in memory.
 */
final class InlineReader extends SignedMessageReader {
  private static final int MAX_NESTING = 8;

  InlineReader(Path file, Verifier verifier, ProgressListener listener, Cancellation cancellation) {
    super(file, verifier, listener, cancellation);
  }

  @Override
  VerificationResult verify(OutputStream out) throws IOException {
    try (BufferedInputStream raw = Verifier.open(file)) {
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
      return read(in, out);
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

  private VerificationResult read(InputStream in, OutputStream out) throws Exception {
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
        DataHashers fresh = new DataHashers();
        hashers = fresh;
        for (PGPOnePassSignature ops : onePass) {
          HashAlgorithm.byId(ops.getHashAlgorithm())
              .ifPresent(
                  a ->
                      fresh.need(
                          new SignatureChecker.HashKey(
                              a, ops.getSignatureType() == PGPSignature.CANONICAL_TEXT_DOCUMENT)));
        }
        for (PGPSignature sig : before) {
          SignatureChecker.hashKey(sig).ifPresent(fresh::need);
        }
        copy(literal.getInputStream(), fresh, out);
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
    List<PGPSignature> sigs = new ArrayList<>(before);
    sigs.addAll(after);
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
    return verifier.check(sigs, hashers);
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
}
