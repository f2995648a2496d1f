package io.cloudimage.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.StorageTier;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PriceValidationTest {
  @Test
  void moneyRefusesToAddTwoCurrencies() {
    assertThat(Money.of("0.8", "CNY").times(30).plus(Money.of("1", "CNY")))
        .isEqualTo(Money.of(new BigDecimal("25.0"), "CNY"));
    assertThatThrownBy(() -> Money.of("1", "USD").plus(Money.of("1", "CNY")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("currencies differ");
  }

  @Test
  void tierProfileRefusesNegativePricesNamingTheField() {
    assertThatThrownBy(
            () ->
                new TierProfile(
                    StorageTier.HOT,
                    10_000,
                    Duration.ZERO,
                    Duration.ofMillis(1),
                    Money.of("-1", "CNY"),
                    Money.of("1", "CNY"),
                    Duration.ZERO,
                    Duration.ZERO,
                    Money.zero("CNY")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("TierProfile.pricePerGbMonth must be >= 0, was -1");
  }

  @Test
  void localDefaultsAreTheSeedTable() {
    TierPrices p = TierPrices.localDefaults();
    assertThat(p.profile(StorageTier.HOT).iops()).isEqualTo(10_000);
    assertThat(p.profile(StorageTier.HOT).latencyMax()).isEqualTo(Duration.ofNanos(100_000));
    assertThat(p.profile(StorageTier.HOT).pricePerGbMonth())
        .isEqualTo(Money.of(new BigDecimal("0.8"), "CNY"));
    assertThat(p.profile(StorageTier.WARM).pricePerGbMonthMax())
        .isEqualTo(Money.of(new BigDecimal("0.6"), "CNY"));
    assertThat(p.profile(StorageTier.COLD).latencyMin()).isEqualTo(Duration.ofMillis(10));
    assertThat(p.profile(StorageTier.ARCHIVE).minimumRetention()).isEqualTo(Duration.ofDays(90));
    // The seed's example: 30 GB hot at 0.8 CNY/GB/month is 24 CNY.
    assertThat(p.profile(StorageTier.HOT).monthlyPrice(30L << 30).rounded())
        .isEqualTo(Money.of("24.00", "CNY"));
  }
}
