package io.cloudimage.aws;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An access key given by the application instead of the profile or the SDK's default chain, such as
 * keys fetched from a vault. {@link #toString()} shows the key id only, never the secret.
 *
 * @param accessKeyId the access key id ({@code AKIA…} or {@code ASIA…})
 * @param secretAccessKey the secret access key
 * @param sessionToken the session token of temporary keys, or {@code null}
 */
public record AwsKeys(String accessKeyId, String secretAccessKey, @Nullable String sessionToken) {

  /** Checks that the key id and the secret are there. */
  public AwsKeys {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
      throw new IllegalArgumentException("an AWS access key needs its id and its secret");
    }
  }

  /** Long-lived keys, without a session token. */
  public static AwsKeys of(String accessKeyId, String secretAccessKey) {
    return new AwsKeys(accessKeyId, secretAccessKey, null);
  }

  @Override
  public String toString() {
    return "AwsKeys[" + accessKeyId + (sessionToken == null ? "" : ", temporary") + "]";
  }
}
