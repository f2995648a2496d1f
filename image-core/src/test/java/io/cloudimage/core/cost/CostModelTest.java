package io.cloudimage.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.catalog.InstanceCatalog;
import io.cloudimage.core.catalog.InstanceType;
import io.cloudimage.core.catalog.OsLifecycleCatalog;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.json.internal.JsonTrees;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageId;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.ComputeCost;
import io.cloudimage.core.pricing.ExchangeRates;
import io.cloudimage.core.pricing.Money;
import io.cloudimage.core.pricing.PriceBook;
import io.cloudimage.core.pricing.PricingModel;
import io.cloudimage.core.pricing.RegionalStoragePrices;
import io.cloudimage.core.pricing.TierPrices;
import io.cloudimage.core.pricing.TierProfile;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CostModelTest {
  /** The seed's example prices: hot SSD 0.8, warm 0.15, archive 0.03 CNY per GB-month. */
  static TierPrices seedExample() {
    Map<StorageTier, TierProfile> m = new EnumMap<>(StorageTier.class);
    String[] prices = {"0.8", "0.15", "0.1", "0.03"};
    for (StorageTier t : StorageTier.values()) {
      Money p = Money.of(prices[t.ordinal()], "CNY");
      m.put(
          t,
          new TierProfile(
              t,
              100,
              Duration.ZERO,
              Duration.ZERO,
              p,
              p,
              Duration.ZERO,
              Duration.ZERO,
              Money.zero("CNY")));
    }
    return TierPrices.of("local", "local", m);
  }

  static Image image(String id, String family, StorageTier tier, long gb) {
    return Image.builder()
        .id(new ImageId("local", "local", id))
        .name(id)
        .architecture(Architecture.X86_64)
        .os(OsFamily.RHEL, "9.4")
        .created(Instant.parse("2026-01-01T00:00:00Z"))
        .tier(tier)
        .sizeBytes(gb << 30)
        .family(family)
        .build();
  }

  final CostModel model =
      new CostModel(
          PriceBook.of(
              List.of(
                  new RegionalStoragePrices(
                      "local", "local", seedExample(), "seed", LocalDate.parse("2026-11-20")))),
          OsLifecycleCatalog.defaults());

  @Test
  void computesTheSeedStorageExample() {
    TierPrices p = seedExample();
    assertThat(model.storageMonthly(p.profile(StorageTier.HOT), 30L << 30).rounded())
        .isEqualTo(Money.of("24.00", "CNY"));
    assertThat(model.storageMonthly(p.profile(StorageTier.WARM), 500L << 30).rounded())
        .isEqualTo(Money.of("75.00", "CNY"));
    assertThat(model.storageMonthly(p.profile(StorageTier.ARCHIVE), 1024L << 30).rounded())
        .isEqualTo(Money.of("30.72", "CNY"));
    CostReport r =
        model.report(
            Stream.of(
                image("a", "web", StorageTier.HOT, 30),
                image("b", "db", StorageTier.WARM, 500),
                image("c", "db", StorageTier.ARCHIVE, 1024)),
            i -> null,
            0);
    assertThat(r.total().get(Currency.getInstance("CNY")).rounded())
        .isEqualTo(Money.of("129.72", "CNY"));
    assertThat(r.byFamily().get("db").get(Currency.getInstance("CNY")).rounded())
        .isEqualTo(Money.of("105.72", "CNY"));
    assertThat(JsonTrees.parse(r.toJson(), "report").get("total").get("CNY").asText())
        .isEqualTo("129.72");
  }

  @Test
  void computeBreakEvenBetweenOnDemandAndReserved() {
    InstanceType m6i = InstanceCatalog.defaults().find("m6i.large").orElseThrow();
    ComputeCost always = model.compute(m6i, 730);
    assertThat(always.onDemandMonthly().rounded()).isEqualTo(Money.of("70.08", "USD"));
    assertThat(always.reservedMonthly().rounded()).isEqualTo(Money.of("43.80", "USD"));
    assertThat(always.breakEvenHoursPerMonth()).isEqualByComparingTo(new BigDecimal("456.3"));
    assertThat(always.cheaper()).isEqualTo(PricingModel.RESERVED);
    assertThat(model.compute(m6i, 200).cheaper()).isEqualTo(PricingModel.ON_DEMAND);
    assertThatThrownBy(() -> model.compute(m6i, 800))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("0..730");
  }

  @Test
  void currenciesStaySeparateUnlessARateIsGiven() {
    InstanceType m6i = InstanceCatalog.defaults().find("m6i.large").orElseThrow();
    CostReport r = model.report(Stream.of(image("a", "web", StorageTier.HOT, 30)), i -> m6i, 730);
    // storage in CNY, compute and the RHEL licence (999/12 = 83.25) in USD
    assertThat(r.total())
        .containsOnlyKeys(Currency.getInstance("CNY"), Currency.getInstance("USD"));
    assertThat(r.total().get(Currency.getInstance("USD")).rounded())
        .isEqualTo(Money.of("127.05", "USD"));
    assertThatThrownBy(() -> r.total(Currency.getInstance("USD"), ExchangeRates.none()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no exchange rate from CNY to USD");
    Money usd = r.total(Currency.getInstance("USD"), ExchangeRates.parse("CNY:USD=0.14"));
    assertThat(usd.rounded()).isEqualTo(Money.of("130.41", "USD"));
  }
}
