package io.cloudimage.core.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.json.internal.StrictJson;
import io.cloudimage.core.model.StorageTier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The {@link TierProfile} of every {@link StorageTier} on one provider and region, read from a
 * price-book file. The local provider's default set is the seed's tier table; a user overrides it
 * with {@link #load(Path)}.
 *
 * <p>The file format ({@code tier-profiles-local.json} in this package is an example):
 *
 * <pre>{@code
 * {"format": "cloudimage-tier-profiles", "version": 1, "provider": "local", "region": "local",
 *  "currency": "CNY", "asOf": "2026-11-01", "source": "...",
 *  "tiers": [{"tier": "HOT", "iops": 10000, "latencyMs": [0.0, 0.1],
 *             "pricePerGbMonth": [0.8, 1.2], "minimumRetentionDays": 0,
 *             "retrievalHours": 0, "retrievalPricePerGb": 0,
 *             "minimumPreviousTierDays": 0, "exit": "RESTORABLE"}, ...]}
 * }</pre>
 *
 * <p>{@code minimumPreviousTierDays} (how long storage stays in its tier before it may move into
 * this one) and {@code exit} ({@code RESTORABLE} or {@code ONE_WAY}) are optional: 0 and {@code
 * RESTORABLE}.
 */
public final class TierPrices {
  private static final String LOCAL_DEFAULTS = "tier-profiles-local.json";

  private final String provider;
  private final String region;
  private final String asOf;
  private final Map<StorageTier, TierProfile> profiles;

  private TierPrices(
      String provider, String region, String asOf, Map<StorageTier, TierProfile> profiles) {
    this.provider = provider;
    this.region = region;
    this.asOf = asOf;
    this.profiles = Collections.unmodifiableMap(new EnumMap<>(profiles));
  }

  /** The seed's tier table, the local provider's default (prices in CNY). */
  public static TierPrices localDefaults() {
    try (InputStream in = TierPrices.class.getResourceAsStream(LOCAL_DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException(LOCAL_DEFAULTS + " is missing from the image-core jar");
      }
      return parse(StrictJson.readJson(in, LOCAL_DEFAULTS).root(), LOCAL_DEFAULTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a price-book file.
   *
   * @throws NotFoundException when the file does not exist
   * @throws InvalidInputException naming the file, the tier and the field that is wrong
   */
  public static TierPrices load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(StrictJson.readJson(in, file.toString()).root(), file.toString());
    } catch (NoSuchFileException e) {
      throw new NotFoundException("tier profile file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidInputException(
          file + ": not a readable JSON tier profile file: " + e.getMessage(), e);
    }
  }

  /** Builds a set from profiles in code; every tier must be present. */
  public static TierPrices of(
      String provider, String region, Map<StorageTier, TierProfile> profiles) {
    for (StorageTier tier : StorageTier.values()) {
      if (!profiles.containsKey(tier)) {
        throw new InvalidInputException(
            "TierPrices for " + provider + "/" + region + " lack " + tier);
      }
    }
    return new TierPrices(provider, region, "", profiles);
  }

  private static TierPrices parse(JsonNode root, String where) {
    String currency = text(root, "currency", where);
    Map<StorageTier, TierProfile> map = new EnumMap<>(StorageTier.class);
    JsonNode tiers = root.path("tiers");
    if (!tiers.isArray()) {
      throw new InvalidInputException(where + ": 'tiers' must be an array");
    }
    for (JsonNode t : tiers) {
      StorageTier tier = StorageTier.parse(text(t, "tier", where));
      String at = where + " tier " + tier;
      try {
        map.put(
            tier,
            new TierProfile(
                tier,
                t.path("iops").asLong(-1),
                millis(t.path("latencyMs").path(0), at),
                millis(t.path("latencyMs").path(1), at),
                Money.of(
                    decimal(t.path("pricePerGbMonth").path(0), at + " pricePerGbMonth"), currency),
                Money.of(
                    decimal(t.path("pricePerGbMonth").path(1), at + " pricePerGbMonth"), currency),
                Duration.ofDays(t.path("minimumRetentionDays").asLong(0)),
                Duration.ofHours(t.path("retrievalHours").asLong(0)),
                Money.of(
                    decimal(t.path("retrievalPricePerGb"), at + " retrievalPricePerGb"), currency),
                Duration.ofDays(t.path("minimumPreviousTierDays").asLong(0)),
                exit(t.path("exit"), at)));
      } catch (InvalidInputException e) {
        throw new InvalidInputException(at + ": " + e.getMessage(), e);
      }
    }
    TierPrices result =
        new TierPrices(
            text(root, "provider", where),
            text(root, "region", where),
            root.path("asOf").asText(""),
            map);
    for (StorageTier tier : StorageTier.values()) {
      if (!map.containsKey(tier)) {
        throw new InvalidInputException(where + ": no profile for tier " + tier);
      }
    }
    return result;
  }

  private static TierExit exit(JsonNode v, String where) {
    if (v.isMissingNode() || v.isNull()) {
      return TierExit.RESTORABLE;
    }
    try {
      return TierExit.valueOf(v.asText());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          where + ": 'exit' must be RESTORABLE or ONE_WAY, was '" + v.asText() + "'", e);
    }
  }

  /** These profiles with one tier's profile replaced. */
  public TierPrices with(TierProfile profile) {
    Map<StorageTier, TierProfile> map = new EnumMap<>(profiles);
    map.put(profile.tier(), profile);
    return new TierPrices(provider, region, asOf, map);
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new InvalidInputException(where + ": '" + field + "' is required");
    }
    return v.asText();
  }

  private static BigDecimal decimal(JsonNode v, String where) {
    if (!v.isNumber()) {
      throw new InvalidInputException(where + " must be a number");
    }
    return v.decimalValue();
  }

  private static Duration millis(JsonNode v, String where) {
    return Duration.ofNanos(decimal(v, where + " latencyMs").movePointRight(6).longValue());
  }

  /** The profile of a tier. */
  public TierProfile profile(StorageTier tier) {
    TierProfile p = profiles.get(tier);
    if (p == null) {
      throw new IllegalStateException("no profile for " + tier);
    }
    return p;
  }

  /** Every tier's profile, hottest first. */
  public Map<StorageTier, TierProfile> all() {
    return profiles;
  }

  /** The provider the prices are for. */
  public String provider() {
    return provider;
  }

  /** The region the prices are for. */
  public String region() {
    return region;
  }

  /** The date the prices were read from their source (ISO-8601), or empty. */
  public String asOf() {
    return asOf;
  }
}
