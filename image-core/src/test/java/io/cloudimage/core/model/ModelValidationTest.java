package io.cloudimage.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ModelValidationTest {
  private static Image.Builder valid() {
    return Image.builder()
        .id(new ImageId("local", "local", "img-0000000000000001"))
        .name("web")
        .architecture(Architecture.X86_64)
        .os(OsFamily.UBUNTU, "24.04")
        .created(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void buildNamesTheMissingField() {
    assertThatThrownBy(() -> valid().architecture(null).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Image.architecture is required");
    assertThatThrownBy(() -> valid().name(" ").build()).hasMessageContaining("Image.name");
  }

  @Test
  void buildNamesTheWrongValue() {
    assertThatThrownBy(() -> valid().sizeBytes(-1).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Image.sizeBytes must be >= 0, was -1");
    assertThatThrownBy(() -> valid().lastLaunched(Instant.parse("2025-01-01T00:00:00Z")).build())
        .hasMessageContaining("Image.lastLaunched");
  }

  @Test
  void toBuilderMakesAChangedCopyAndLeavesTheOriginal() {
    Image image = valid().build();
    Image archived = image.toBuilder().tier(StorageTier.ARCHIVE).build();
    assertThat(image.tier()).isEqualTo(StorageTier.HOT);
    assertThat(archived.tier()).isEqualTo(StorageTier.ARCHIVE);
    assertThat(archived.toBuilder().tier(StorageTier.HOT).build()).isEqualTo(image);
  }

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
    TierProfiles p = TierProfiles.localDefaults();
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

  @Test
  void parsersListTheAcceptedValues() {
    assertThat(Architecture.parse("aarch64")).isEqualTo(Architecture.ARM64);
    assertThat(OperatingSystem.parse("windows:2022:Datacenter").edition()).isEqualTo("Datacenter");
    assertThatThrownBy(() -> OperatingSystem.parse("ubuntu"))
        .hasMessageContaining("FAMILY:VERSION");
    assertThatThrownBy(() -> StorageTier.parse("lukewarm"))
        .hasMessageContaining("hot, warm, cold or archive");
    assertThat(OperatingSystem.compareVersions("9.10", "9.2")).isPositive();
  }

  @Test
  void incrementalLayerNeedsAParent() {
    assertThatThrownBy(
            () -> new ImageLayer("l2", ImageLayer.Kind.INCREMENTAL, null, "", 1, StorageTier.HOT))
        .hasMessageContaining("ImageLayer.parentId is required");
  }
}
