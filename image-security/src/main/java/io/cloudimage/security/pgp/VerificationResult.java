package io.cloudimage.security.pgp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * The outcome of checking signed data: whether it holds, every signature found with its own
 * verdict, and one sentence saying why.
 *
 * @param valid true when a required key made a valid signature
 * @param signatures every signature found, in the order they appear
 * @param reason why the result holds or not, naming keys and algorithms
 */
public record VerificationResult(boolean valid, List<SignatureVerdict> signatures, String reason) {
  // The generator must not close the caller's writer.
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  public VerificationResult {
    signatures = List.copyOf(signatures);
  }

  /**
   * The command-line JSON shape: {@code {"valid","signatures":[{"keyFingerprint",
   * "primaryKeyFingerprint","keyId","signer","valid","created","hashAlgorithm","keyAlgorithm",
   * "reason"}],"reason"}}, as one compact document.
   */
  public String toJson() {
    StringWriter out = new StringWriter();
    writeJson(out);
    return out.toString();
  }

  /**
   * Writes {@link #toJson()} to {@code out}, leaving it open.
   *
   * @throws UncheckedIOException when {@code out} fails
   */
  public void writeJson(Writer out) {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeBooleanField("valid", valid);
      g.writeArrayFieldStart("signatures");
      for (SignatureVerdict s : signatures) {
        g.writeStartObject();
        g.writeStringField("keyFingerprint", s.keyFingerprint());
        g.writeStringField("primaryKeyFingerprint", s.primaryKeyFingerprint());
        g.writeStringField("keyId", s.keyId());
        g.writeStringField("signer", s.signer());
        g.writeBooleanField("valid", s.valid());
        g.writeStringField("created", s.created().toString());
        g.writeStringField("hashAlgorithm", s.hashAlgorithm());
        g.writeStringField("keyAlgorithm", s.keyAlgorithm());
        g.writeStringField("reason", s.reason());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("reason", reason);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
