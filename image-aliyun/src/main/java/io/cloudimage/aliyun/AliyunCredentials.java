package io.cloudimage.aliyun;

import io.cloudimage.core.error.AccessDeniedException;
import io.cloudimage.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An AccessKey pair and where it came from. The secret is never part of {@link #toString()}, so it
 * cannot reach a log line or an error message by accident.
 *
 * <p>{@link #resolve} looks, in order, at {@code ALIBABA_CLOUD_ACCESS_KEY_ID} / {@code
 * ALIBABA_CLOUD_ACCESS_KEY_SECRET}, the older {@code ALICLOUD_ACCESS_KEY} / {@code
 * ALICLOUD_SECRET_KEY}, and the profile file ({@code ALIBABA_CLOUD_CREDENTIALS_FILE}, else {@code
 * ~/.alibabacloud/credentials}: INI sections with {@code access_key_id} and {@code
 * access_key_secret}).
 */
public final class AliyunCredentials {
  private final String accessKeyId;
  private final String secret;
  private final @Nullable String securityToken;
  private final String source;

  private AliyunCredentials(
      String accessKeyId, String secret, @Nullable String securityToken, String source) {
    if (accessKeyId.isBlank() || secret.isBlank()) {
      throw new InvalidInputException(source + ": the AccessKey id and secret must not be blank");
    }
    this.accessKeyId = accessKeyId;
    this.secret = secret;
    this.securityToken = securityToken;
    this.source = source;
  }

  /** A fixed key pair, for tests and callers that manage keys themselves. */
  public static AliyunCredentials of(String accessKeyId, String secret) {
    return new AliyunCredentials(accessKeyId, secret, null, "given");
  }

  /**
   * Finds the caller's credentials.
   *
   * @param profile the profile to read from the credentials file, or {@code null} for {@code
   *     ALIBABA_CLOUD_PROFILE}, else {@code default}
   * @param env the environment (normally {@link System#getenv()})
   * @param home the user's home folder
   * @throws AccessDeniedException when no source holds a key pair, naming each place looked at
   */
  public static AliyunCredentials resolve(
      @Nullable String profile, Map<String, String> env, Path home) {
    AliyunCredentials fromEnv =
        pair(env, "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    if (fromEnv == null) {
      fromEnv = pair(env, "ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY");
    }
    if (fromEnv != null) {
      return fromEnv;
    }
    String file = env.get("ALIBABA_CLOUD_CREDENTIALS_FILE");
    Path path = file != null ? Path.of(file) : home.resolve(".alibabacloud").resolve("credentials");
    String name = profile != null ? profile : env.getOrDefault("ALIBABA_CLOUD_PROFILE", "default");
    if (Files.isRegularFile(path)) {
      Map<String, String> section = readSection(path, name);
      String id = section.get("access_key_id");
      String secret = section.get("access_key_secret");
      if (id != null && secret != null) {
        return new AliyunCredentials(id, secret, null, path + " [" + name + "]");
      }
    }
    throw new AccessDeniedException(
        "no Alibaba Cloud credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and"
            + " ALIBABA_CLOUD_ACCESS_KEY_SECRET (or ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY),"
            + " or put access_key_id and access_key_secret in section ["
            + name
            + "] of "
            + path);
  }

  private static @Nullable AliyunCredentials pair(
      Map<String, String> env, String idName, String secretName) {
    String id = env.get(idName);
    String secret = env.get(secretName);
    if (id == null || secret == null || id.isBlank() || secret.isBlank()) {
      return null;
    }
    return new AliyunCredentials(
        id, secret, env.get("ALIBABA_CLOUD_SECURITY_TOKEN"), "environment (" + idName + ")");
  }

  /** The keys of one {@code [name]} section of an INI file. */
  private static Map<String, String> readSection(Path file, String name) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AccessDeniedException("cannot read credentials file " + file + ": " + e, e);
    }
    Map<String, String> out = new HashMap<>();
    boolean inSection = false;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        inSection = line.substring(1, line.length() - 1).strip().equals(name);
        continue;
      }
      int eq = line.indexOf('=');
      if (inSection && eq > 0) {
        out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return out;
  }

  /** The AccessKey id; not secret. */
  public String accessKeyId() {
    return accessKeyId;
  }

  /** The secret, for the SDK only. */
  String secret() {
    return secret;
  }

  /** The STS token that goes with a temporary key, or {@code null}. */
  @Nullable String securityToken() {
    return securityToken;
  }

  /** Where the pair was found. */
  public String source() {
    return source;
  }

  /** The key id and its source; never the secret. */
  @Override
  public String toString() {
    return "AliyunCredentials[" + accessKeyId + " from " + source + "]";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AliyunCredentials c
        && c.accessKeyId.equals(accessKeyId)
        && c.secret.equals(secret)
        && Objects.equals(c.securityToken, securityToken);
  }

  @Override
  public int hashCode() {
    return accessKeyId.hashCode();
  }
}
