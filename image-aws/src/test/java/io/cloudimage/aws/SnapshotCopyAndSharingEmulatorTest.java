package io.cloudimage.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.spi.Operation;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** CopySnapshot across regions and snapshot create-volume permissions, against the emulator. */
class SnapshotCopyAndSharingEmulatorTest {
  private Emulator aws;
  private AwsDriver driver;

  @BeforeEach
  void open() {
    aws = Emulator.fresh();
    driver = aws.driver();
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
    if (aws != null) {
      aws.close();
    }
  }

  @Test
  void aSnapshotIsCopiedToAnotherRegionWithTheKmsKeyAndTheTokenTag() {
    String source = aws.snapshot(8);

    Snapshot copy =
        driver.copySnapshot(
            SnapshotCopy.toRegion(source, "eu-west-1", "base, EU").withKmsKey("alias/images-eu"),
            Operation.unbounded("CopySnapshot"));

    assertThat(copy.id()).startsWith("snap-").isNotEqualTo(source);
    assertThat(copy.region()).isEqualTo("eu-west-1");
    try (Ec2Client eu = aws.ec2("eu-west-1")) {
      var raw = eu.describeSnapshots(r -> r.snapshotIds(copy.id())).snapshots().get(0);
      assertThat(raw.kmsKeyId()).isEqualTo("alias/images-eu");
      assertThat(raw.description()).isEqualTo("base, EU");
      assertThat(raw.tags())
          .anySatisfy(t -> assertThat(t.key()).isEqualTo("cloudimage:client-token"));
    }
    // The source region holds no copy.
    assertThat(aws.ec2.describeSnapshots(r -> r.snapshotIds(source)).snapshots()).hasSize(1);
  }

  @Test
  void theSameCopyRequestSentAgainAnswersWithTheFirstCopy() {
    String source = aws.snapshot(4);
    SnapshotCopy request = SnapshotCopy.toRegion(source, "eu-west-1", "resumed");

    Snapshot first = driver.copySnapshot(request, Operation.unbounded("CopySnapshot"));
    Snapshot again = driver.copySnapshot(request, Operation.unbounded("CopySnapshot"));
    Snapshot other =
        driver.copySnapshot(request.withKmsKey("alias/other"), Operation.unbounded("CopySnapshot"));

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(other.id()).isNotEqualTo(first.id());
  }

  @Test
  void createVolumePermissionsAreAddedAndRemovedForAccountsAndThePublicGroup() {
    String snap = aws.snapshot(4);
    assertThat(driver.snapshotPermissions(snap).isShared()).isFalse();

    driver.shareSnapshot(snap, Set.of("111122223333", "444455556666", SnapshotPermissions.PUBLIC));
    assertThat(driver.snapshotPermissions(snap))
        .isEqualTo(
            new SnapshotPermissions(
                Set.of("111122223333", "444455556666"), Set.of(SnapshotPermissions.PUBLIC)));

    driver.unshareSnapshot(snap, Set.of("444455556666", SnapshotPermissions.PUBLIC));
    assertThat(driver.snapshotPermissions(snap))
        .isEqualTo(new SnapshotPermissions(Set.of("111122223333"), Set.of()));
  }

  @Test
  void aGranteeThatIsNeitherAnAccountNorThePublicGroupIsRefusedBeforeAnyCall() {
    String snap = aws.snapshot(4);
    assertThatThrownBy(() -> driver.shareSnapshot(snap, Set.of("everyone")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("everyone");
    assertThatThrownBy(() -> SnapshotCopy.toRegion("snap-nothex", "eu-west-1", ""))
        .isInstanceOf(InvalidInputException.class);
  }
}
