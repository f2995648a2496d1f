package io.cloudimage.fleet;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One target of a fleet: one account in one region of one provider. Shards are planned, approved
 * and applied independently, each with its own journal.
 *
 * @param provider the provider's name, as {@code --provider}
 * @param account the account id
 * @param role the role to assume, or null
 * @param region the region
 * @param endpoint the endpoint override, or null
 * @param home the provider's home folder (the local provider), or null
 * @param externalId the external id the role's trust policy asks for, or null
 */
public record Shard(
    String provider,
    String account,
    @Nullable String role,
    String region,
    @Nullable String endpoint,
    @Nullable String home,
    @Nullable String externalId) {

  /** The shard's id: {@code provider/account/region}, unique in a fleet. */
  public String id() {
    return provider + "/" + account + "/" + region;
  }

  /** The id as one path segment, for file and workflow names. */
  public String fileName() {
    return (provider + "-" + account + "-" + region).toLowerCase(Locale.ROOT);
  }

  /** The endpoint as a URI, or null. */
  public @Nullable URI endpointUri() {
    String e = endpoint;
    return e == null ? null : URI.create(e);
  }

  /** The home folder as a path, or null. */
  public @Nullable Path homePath() {
    String h = home;
    return h == null ? null : Path.of(h);
  }
}
