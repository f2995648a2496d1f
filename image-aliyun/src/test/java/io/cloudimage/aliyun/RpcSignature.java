package io.cloudimage.aliyun;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The RPC request signature as the ECS service checks it (HMAC-SHA1, SignatureVersion 1.0): the
 * parameters but {@code Signature}, sorted by name, each name and value percent-encoded (RFC 3986
 * unreserved characters kept, space as {@code %20}), joined with {@code &}; the string to sign is
 * the method, the encoded {@code /} and the encoded query, joined with {@code &}; the key is the
 * secret followed by {@code &}.
 */
final class RpcSignature {
  private RpcSignature() {}

  /** The Base64 signature of a request. */
  static String sign(String method, Map<String, String> params, String secret) {
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
      if (e.getKey().equals("Signature")) {
        continue;
      }
      if (query.length() > 0) {
        query.append('&');
      }
      query.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
    }
    String toSign = method + "&" + encode("/") + "&" + encode(query.toString());
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }

  /** Percent-encodes UTF-8 bytes, keeping only A-Z a-z 0-9 - _ . ~ as they are. */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
