package io.cloudimage.core.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.json.internal.EntryReader;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Storage tier prices per provider and region, built on {@link TierPrices}. The shipped book has
 * AWS us-east-1 (USD) and Alibaba Cloud cn-hangzhou (CNY); the local provider always prices with
 * the seed's table, {@link TierPrices#localDefaults()}.
 *
 * <p>The file format ({@code storage-prices.json} in this package is the shipped one):
 *
 * <pre>{@code
 * {"format": "cloudimage-storage-prices", "version": 1,
 *  "books": [{"provider": "aws", "region": "us-east-1", "currency": "USD",
 *    "asOf": "2026-11-20", "source": "https://aws.amazon.com/ebs/pricing/",
 *    "tiers": [{"tier": "HOT", "iops": 3000, "latencyMs": [0.5, 1],
 *      "pricePerGbMonth": [0.08, 0.08], "minimumRetentionDays": 0,
 *      "retrievalHours": 0, "retrievalPricePerGb": 0}, ...]}]}
 * }</pre>
 */
public final class PriceBook {
  static final String FORMAT = "cloudimage-storage-prices";
  private static final String DEFAULTS = "storage-prices.json";

  private final List<RegionalStoragePrices> books;

  private PriceBook(List<RegionalStoragePrices> books) {
    this.books = List.copyOf(books);
  }

  /** The shipped prices plus the local provider's defaults. */
  public static PriceBook defaults() {
    try (InputStream in = PriceBook.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS + " is missing from the image-core jar");
      }
      return parse(StrictJson.readJson(in, DEFAULTS).root(), DEFAULTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a price book of the user's own; the local provider's defaults are added unless the file
   * prices {@code local} itself.
   *
   * @throws NotFoundException when the file does not exist
   * @throws InvalidInputException naming the file, the book, the tier and the field that is wrong
   */
  public static PriceBook load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(StrictJson.readJson(in, file.toString()).root(), file.toString());
    } catch (NoSuchFileException e) {
      throw new NotFoundException("storage price book " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidInputException(
          file + ": not a readable JSON storage price book: " + e.getMessage(), e);
    }
  }

  /** A book of the given regional prices (nothing added). */
  public static PriceBook of(List<RegionalStoragePrices> books) {
    return new PriceBook(books);
  }

  private static PriceBook parse(JsonNode root, String file) {
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new InvalidInputException(
          file + ": 'format' must be \"" + FORMAT + "\", was " + root.path("format"));
    }
    JsonNode list = root.path("books");
    if (!list.isArray()) {
      throw new InvalidInputException(file + ": 'books' must be an array");
    }
    List<RegionalStoragePrices> out = new ArrayList<>();
    int i = 0;
    for (JsonNode n : list) {
      String label = n.path("provider").asText("?") + "/" + n.path("region").asText("?");
      out.add(readBook(new EntryReader(n, file + " books[" + i + "] (" + label + ")")));
      i++;
    }
    if (out.stream().noneMatch(b -> b.provider().equals("local"))) {
      out.add(
          new RegionalStoragePrices(
              "local",
              "local",
              TierPrices.localDefaults(),
              "the seed's storage tier table (TierPrices.localDefaults())",
              LocalDate.parse(TierPrices.localDefaults().asOf())));
    }
    return new PriceBook(out);
  }

  private static RegionalStoragePrices readBook(EntryReader r) {
    String provider = r.text("provider");
    String region = r.text("region");
    String currency = r.text("currency");
    JsonNode tiers = r.node().path("tiers");
    if (!tiers.isArray()) {
      throw new InvalidInputException(r.where() + ": field 'tiers' must be an array");
    }
    Map<StorageTier, TierProfile> map = new EnumMap<>(StorageTier.class);
    for (JsonNode t : tiers) {
      EntryReader tr = new EntryReader(t, r.where() + " tier " + t.path("tier").asText("?"));
      try {
        StorageTier tier = StorageTier.parse(tr.text("tier"));
        BigDecimal price =
            new EntryReader(t.path("pricePerGbMonth"), tr.where() + " field 'pricePerGbMonth'")
                .nonNegativeAt(0);
        BigDecimal priceMax =
            new EntryReader(t.path("pricePerGbMonth"), tr.where() + " field 'pricePerGbMonth'")
                .nonNegativeAt(1);
        BigDecimal latMin =
            new EntryReader(t.path("latencyMs"), tr.where() + " field 'latencyMs'")
                .nonNegativeAt(0);
        BigDecimal latMax =
            new EntryReader(t.path("latencyMs"), tr.where() + " field 'latencyMs'")
                .nonNegativeAt(1);
        map.put(
            tier,
            new TierProfile(
                tier,
                tr.nonNegative("iops").longValue(),
                Duration.ofNanos(latMin.movePointRight(6).longValue()),
                Duration.ofNanos(latMax.movePointRight(6).longValue()),
                Money.of(price, currency),
                Money.of(priceMax, currency),
                Duration.ofDays(tr.nonNegative("minimumRetentionDays").longValue()),
                Duration.ofHours(tr.nonNegative("retrievalHours").longValue()),
                Money.of(tr.nonNegative("retrievalPricePerGb"), currency)));
      } catch (InvalidInputException e) {
        if (e.getMessage() != null && e.getMessage().startsWith(tr.where())) {
          throw e;
        }
        throw new InvalidInputException(tr.where() + ": " + e.getMessage(), e);
      }
    }
    TierPrices profiles;
    try {
      profiles = TierPrices.of(provider, region, map);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(r.where() + ": " + e.getMessage(), e);
    }
    return new RegionalStoragePrices(provider, region, profiles, r.text("source"), r.date("asOf"));
  }

  /**
   * The prices for a provider and region: the exact book, else the provider's first book, else the
   * local provider's defaults.
   */
  public RegionalStoragePrices prices(String provider, String region) {
    RegionalStoragePrices sameProvider = null;
    RegionalStoragePrices local = null;
    for (RegionalStoragePrices b : books) {
      if (b.provider().equals(provider)) {
        if (b.region().equals(region)) {
          return b;
        }
        if (sameProvider == null) {
          sameProvider = b;
        }
      }
      if (b.provider().equals("local") && local == null) {
        local = b;
      }
    }
    if (sameProvider != null) {
      return sameProvider;
    }
    if (local != null) {
      return local;
    }
    return new RegionalStoragePrices(
        "local",
        "local",
        TierPrices.localDefaults(),
        "the seed's storage tier table",
        LocalDate.parse(TierPrices.localDefaults().asOf()));
  }

  /** Every regional book, in file order. */
  public List<RegionalStoragePrices> books() {
    return books;
  }
}
