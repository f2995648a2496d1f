package io.cloudimage.core.client;

import java.util.regex.Pattern;

/**
 * Masks credentials in text bound for logs: AWS and Alibaba Cloud access key ids, values of
 * secret-like keys ({@code secret}, {@code password}, {@code passphrase}, {@code token}, {@code
 * signature}, {@code credential}, {@code authorization}), and user information in URLs. The client
 * passes every logged argument through it; providers should do the same with their own logs.
 */
public final class Redaction {
  private static final String MASK = "****";
  private static final Pattern ACCESS_KEY =
      Pattern.compile("\\b(AKIA|ASIA|A3T[A-Z0-9]|LTAI)[A-Za-z0-9]{12,}\\b");
  private static final Pattern SECRET_VALUE =
      Pattern.compile(
          "(?i)((?:[a-z0-9_.-]*)(?:secret|password|passphrase|token|signature|credential|authorization)"
              + "[a-z0-9_.-]*\\s*[=:]\\s*)(\"[^\"]*\"|[^\\s,&;}\\]]+)");
  private static final Pattern URL_USER_INFO = Pattern.compile("(://)[^/@\\s:]+:[^/@\\s]+@");

  private Redaction() {}

  /** The text with every credential-like value replaced by {@code ****}. */
  public static String redact(String text) {
    String out = ACCESS_KEY.matcher(text).replaceAll(m -> m.group(1) + MASK);
    out =
        SECRET_VALUE
            .matcher(out)
            .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + MASK));
    return URL_USER_INFO.matcher(out).replaceAll("$1" + MASK + "@");
  }
}
