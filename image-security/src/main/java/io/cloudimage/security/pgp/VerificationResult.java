package io.cloudimage.security.pgp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
  public VerificationResult {
    signatures = List.copyOf(signatures);
  }

  /**
   * The command-line JSON shape: {@code {"valid","signatures":[{"keyFingerprint","valid","created",
   * "hashAlgorithm",...}],"reason"}}.
   */
  public ObjectNode toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("valid", valid);
    ArrayNode sigs = root.putArray("signatures");
    for (SignatureVerdict s : signatures) {
      ObjectNode n = sigs.addObject();
      n.put("keyFingerprint", s.keyFingerprint());
      n.put("primaryKeyFingerprint", s.primaryKeyFingerprint());
      n.put("keyId", s.keyId());
      n.put("signer", s.signer());
      n.put("valid", s.valid());
      n.put("created", s.created().toString());
      n.put("hashAlgorithm", s.hashAlgorithm());
      n.put("keyAlgorithm", s.keyAlgorithm());
      n.put("reason", s.reason());
    }
    root.put("reason", reason);
    return root;
  }
}
