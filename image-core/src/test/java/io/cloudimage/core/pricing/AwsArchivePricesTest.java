package io.cloudimage.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.model.StorageTier;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shipped AWS book prices what the aws provider's tier actions do. */
class AwsArchivePricesTest {
  private final TierPrices aws = PriceBook.defaults().prices("aws", "us-east-1").tiers();

  @Test
  void archiveIsTheEbsSnapshotsArchiveTierNotAGlacierClass() {
    TierProfile archive = aws.profile(StorageTier.ARCHIVE);
    assertThat(archive.pricePerGbMonth().amount()).isEqualByComparingTo(new BigDecimal("0.0125"));
    assertThat(archive.retrievalPricePerGb().amount()).isEqualByComparingTo(new BigDecimal("0.03"));
    assertThat(archive.minimumRetention()).isEqualTo(Duration.ofDays(90));
    assertThat(archive.retrievalTime()).isEqualTo(Duration.ofHours(72));
    assertThat(archive.latencyMin()).isEqualTo(Duration.ofHours(24));
    assertThat(archive.latencyMax()).isEqualTo(Duration.ofHours(72));
  }

  @Test
  void archivingAHundredGibSnapshotCostsAQuarterOfTheStandardTierPerGib() {
    long hundredGib = 100L << 30;
    assertThat(aws.profile(StorageTier.ARCHIVE).monthlyPrice(hundredGib).amount())
        .isEqualByComparingTo(new BigDecimal("1.25"));
    assertThat(aws.profile(StorageTier.WARM).monthlyPrice(hundredGib).amount())
        .isEqualByComparingTo(new BigDecimal("5.00"));
  }

  @Test
  void theBookNamesItsSources() {
    RegionalStoragePrices book = PriceBook.defaults().prices("aws", "us-east-1");
    assertThat(book.source()).contains("snapshot-archive-pricing");
  }
}
