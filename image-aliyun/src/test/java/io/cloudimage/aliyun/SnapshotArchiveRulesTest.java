package io.cloudimage.aliyun;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SnapshotArchiveRulesTest {
  static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");

  static Snapshot snapshot(StorageTier tier) {
    return Snapshot.builder()
        .id("s-bp1abc")
        .provider("aliyun")
        .region("cn-hangzhou")
        .description("")
        .volumeSizeBytes(40L << 30)
        .fullSizeBytes(40L << 30)
        .incrementalSizeBytes(40L << 30)
        .created(CREATED)
        .tier(tier)
        .build();
  }

  @Test
  void aSnapshotMayBeArchivedOnlyAfterFourteenDaysInStandard() {
    Snapshot s = snapshot(StorageTier.HOT);
    assertThat(
            SnapshotArchiveRules.ECS.refusal(
                s, StorageTier.ARCHIVE, CREATED.plus(Duration.ofDays(13))))
        .hasValueSatisfying(r -> assertThat(r).contains("14 days"));
    assertThat(
            SnapshotArchiveRules.ECS.refusal(
                s, StorageTier.ARCHIVE, CREATED.plus(Duration.ofDays(14))))
        .isEmpty();
  }

  @Test
  void anArchivedSnapshotNeverReturnsToStandard() {
    assertThat(
            SnapshotArchiveRules.ECS.refusal(
                snapshot(StorageTier.ARCHIVE), StorageTier.HOT, CREATED.plus(Duration.ofDays(400))))
        .hasValueSatisfying(r -> assertThat(r).contains("never return"));
  }

  @Test
  void anEarlyDeletionIsBilledForSixtyDays() {
    Instant archived = CREATED.plus(Duration.ofDays(20));
    assertThat(
            SnapshotArchiveRules.ECS.billedArchiveStay(
                archived, archived.plus(Duration.ofDays(10))))
        .isEqualTo(Duration.ofDays(60));
    assertThat(
            SnapshotArchiveRules.ECS.billedArchiveStay(
                archived, archived.plus(Duration.ofDays(90))))
        .isEqualTo(Duration.ofDays(90));
  }
}
