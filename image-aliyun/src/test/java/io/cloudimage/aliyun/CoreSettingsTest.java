package io.cloudimage.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.pricing.PriceBook;
import io.cloudimage.core.pricing.TierExit;
import io.cloudimage.core.pricing.TierPrices;
import io.cloudimage.core.provider.CreateRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The core settings on ECS: the family on CreateRequest, a role in ProviderConfig, the archive
 * rules as tier profiles.
 */
class CoreSettingsTest {
  static final String REGION = AliyunProviderTest.REGION;

  LocalEcsEndpoint ecs;
  AliyunProvider provider;

  @BeforeEach
  void start() throws Exception {
    ecs = LocalEcsEndpoint.start();
    provider = AliyunProviderTest.open(ecs, LocalEcsEndpoint.SECRET, 4);
  }

  @AfterEach
  void stop() {
    provider.close();
    ecs.close();
  }

  @Test
  void theGenericCreateJoinsTheRequestsFamily() {
    LocalEcsEndpoint.FakeSnapshot root = ecs.addSnapshot(REGION, 40);
    ImageProvider generic = provider;

    Image created = generic.createImage(CreateRequest.of(root.id, "web-1").withFamily("web"));

    assertThat(ecs.image(created.nativeId()).family).isEqualTo("web");
    assertThat(created.family()).isEqualTo("web");
  }

  @Test
  void theGenericCreateChecksTheFamilyLimitsFirst() {
    for (int i = 0; i < 100; i++) {
      ecs.addImage(REGION, "full-" + i).family = "full";
    }
    LocalEcsEndpoint.FakeSnapshot root = ecs.addSnapshot(REGION, 40);
    ImageProvider generic = provider;

    assertThatThrownBy(
            () -> generic.createImage(CreateRequest.of(root.id, "one-more").withFamily("full")))
        .isInstanceOf(EcsQuotaExceededException.class)
        .hasMessageContaining("images per family");
    assertThat(ecs.calls()).doesNotContain("CreateImage");
  }

  @Test
  void aConfigurationWithARoleIsRefusedNamingIt() {
    io.cloudimage.core.provider.ProviderConfig config =
        io.cloudimage.core.provider.ProviderConfig.builder()
            .region(REGION)
            .build()
            .withRole(
                io.cloudimage.core.provider.AssumedRole.of(
                    "acs:ram::1234567890123456:role/cloudimage"));

    assertThatThrownBy(
            () ->
                new AliyunProviderFactory(java.util.Map.of(), java.nio.file.Path.of("/nonexistent"))
                    .open(config))
        .isInstanceOf(io.cloudimage.core.error.InvalidInputException.class)
        .hasMessageContaining("acs:ram::1234567890123456:role/cloudimage");
  }

  @Test
  void theArchiveRulesBecomeTheArchiveTiersMoveRules() {
    TierPrices aliyun = PriceBook.defaults().prices("aliyun", REGION).tiers();

    TierPrices ruled = SnapshotArchiveRules.ECS.applyTo(aliyun);

    assertThat(ruled.profile(StorageTier.ARCHIVE).minimumPreviousTierStay())
        .isEqualTo(Duration.ofDays(14));
    assertThat(ruled.profile(StorageTier.ARCHIVE).exit()).isEqualTo(TierExit.ONE_WAY);
    assertThat(ruled.profile(StorageTier.ARCHIVE).minimumRetention())
        .isEqualTo(Duration.ofDays(60));
    assertThat(ruled.profile(StorageTier.WARM)).isEqualTo(aliyun.profile(StorageTier.WARM));
  }

  @Test
  void theProviderPlansWithTheEcsBookAndItsArchiveRules() {
    TierPrices prices = provider.tierPrices();

    assertThat(prices.profile(StorageTier.ARCHIVE).exit()).isEqualTo(TierExit.ONE_WAY);
    assertThat(prices.profile(StorageTier.ARCHIVE).minimumPreviousTierStay())
        .isEqualTo(Duration.ofDays(14));
    assertThat(prices.profile(StorageTier.WARM).pricePerGbMonth().currency().getCurrencyCode())
        .isEqualTo("CNY");
  }
}
