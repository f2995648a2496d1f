package io.cloudimage.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Idempotency tokens ({@code ClientToken}) derived from a creating request, so that the same
 * request sent again — by a run resumed after a crash — names the same token and AWS answers with
 * the resource the first attempt made instead of making a second one.
 *
 * <p>The token is a SHA-256 of the operation and every field of the request, tags included. Callers
 * that must tell two otherwise equal requests apart (the lifecycle executor's actions) make them
 * differ: a distinct name, or a {@code cloudimage:action} tag holding the journal id and action
 * index. Calls without a {@code ClientToken} parameter (CreateImage, RegisterImage) carry the token
 * as the {@value AwsModel#TOKEN_TAG} tag, and a repeat is recognised by the image of the same name
 * carrying the same token.
 */
final class ClientTokens {
  private ClientTokens() {}

  /** The token for an operation and its request fields; at most 64 ASCII characters. */
  static String of(String operation, @Nullable Object... fields) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(operation.getBytes(StandardCharsets.UTF_8));
      for (Object f : fields) {
        sha.update((byte) 0);
        Object v = f instanceof Map<?, ?> m ? new TreeMap<>(m) : f;
        sha.update(String.valueOf(v).getBytes(StandardCharsets.UTF_8));
      }
      return "cloudimage-" + HexFormat.of().formatHex(sha.digest()).substring(0, 48);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
