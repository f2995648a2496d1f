package io.cloudimage.core.provider;

import io.cloudimage.core.error.InvalidInputException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Copy an image to another region or account, optionally re-encrypting it.
 *
 * <p>A copy is idempotent under its {@linkplain #clientToken() client token}: the same request sent
 * again with the same token (by a run resumed after a crash) answers with the copy the first
 * attempt made instead of making a second one. Without a token a provider derives one from the
 * request's fields, so two equal requests are one copy.
 *
 * <pre>{@code
 * Image copy = provider.copyImage(
 *     CopyRequest.toRegion("ami-0123456789abcdef0", "eu-west-1", "web-2026.11")
 *         .withClientToken("release-2026.11-eu"));
 * }</pre>
 *
 * @param sourceImageId the image to copy, in the provider's region
 * @param targetRegion the region to copy to (the provider's own region for a same-region copy)
 * @param name the copy's name
 * @param targetAccount the account to copy into, or {@code null} for the caller's
 * @param kmsKeyId the key to encrypt the copy with, or {@code null} to keep the source's setting
 * @param clientToken the idempotency token: 1 to {@value #MAX_TOKEN_LENGTH} printable ASCII
 *     characters without spaces, or {@code null} to let the provider derive one from the request
 */
public record CopyRequest(
    String sourceImageId,
    String targetRegion,
    String name,
    @Nullable String targetAccount,
    @Nullable String kmsKeyId,
    @Nullable String clientToken) {

  /** The longest token: EC2's and ECS's limit for a {@code ClientToken}. */
  public static final int MAX_TOKEN_LENGTH = 64;

  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1," + MAX_TOKEN_LENGTH + "}");

  /**
   * Checks the token.
   *
   * @throws InvalidInputException when the token is longer than {@value #MAX_TOKEN_LENGTH}
   *     characters or holds anything but printable ASCII without spaces
   */
  public CopyRequest {
    if (clientToken != null && !TOKEN.matcher(clientToken).matches()) {
      throw new InvalidInputException(
          "the copy's client token '"
              + clientToken
              + "' must be 1 to "
              + MAX_TOKEN_LENGTH
              + " printable ASCII characters without spaces (it is "
              + clientToken.length()
              + " characters long); use a shorter token, such as a hash of the run and the copy");
    }
  }

  /** A copy without a token of its own: the provider derives one from the request. */
  public CopyRequest(
      String sourceImageId,
      String targetRegion,
      String name,
      @Nullable String targetAccount,
      @Nullable String kmsKeyId) {
    this(sourceImageId, targetRegion, name, targetAccount, kmsKeyId, null);
  }

  /** A plain copy to another region. */
  public static CopyRequest toRegion(String sourceImageId, String targetRegion, String name) {
    return new CopyRequest(sourceImageId, targetRegion, name, null, null, null);
  }

  /**
   * This copy under an idempotency token: sent again with the same token, the request answers with
   * the first copy.
   *
   * @throws InvalidInputException when the token is not 1 to {@value #MAX_TOKEN_LENGTH} printable
   *     ASCII characters without spaces
   */
  public CopyRequest withClientToken(@Nullable String token) {
    return new CopyRequest(sourceImageId, targetRegion, name, targetAccount, kmsKeyId, token);
  }
}
