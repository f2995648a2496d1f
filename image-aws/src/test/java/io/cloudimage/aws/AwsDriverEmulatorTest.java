package io.cloudimage.aws;

import static io.cloudimage.aws.Emulator.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.client.Providers;
import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.error.ProviderUnavailableException;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.model.Visibility;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.CreateRequest;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.core.provider.RetryPolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The aws provider over real HTTP against the local AWS emulator, one fresh account per test. */
class AwsDriverEmulatorTest {
  private Emulator aws;
  private ImageProvider provider;

  @BeforeEach
  void open() {
    aws = Emulator.fresh();
    provider = AwsProviderFactory.open(aws.config(), aws.options);
  }

  @AfterEach
  void close() {
    if (provider != null) {
      provider.close();
    }
    if (aws != null) {
      aws.close();
    }
  }

  @Test
  void listingAppliesNameTagAndArchitectureFiltersAndSeesOnlyTheAccountsImages() {
    String web1 = aws.image("web-1", tag("team", "a"));
    String web2 = aws.image("web-2", tag("team", "b"));
    String db = aws.image("db-1", tag("team", "a"));

    assertThat(provider.images().map(Image::nativeId)).containsExactlyInAnyOrder(web1, web2, db);
    assertThat(
            provider.images(ImageQuery.builder().namePattern("web-?").build()).map(Image::nativeId))
        .containsExactlyInAnyOrder(web1, web2);
    assertThat(provider.images(ImageQuery.builder().tag("team", "a").build()).map(Image::nativeId))
        .containsExactlyInAnyOrder(web1, db);
    // The emulator registers every image as x86_64; the arm64 filter is sent and matches none.
    assertThat(provider.images(ImageQuery.builder().architecture(Architecture.ARM64).build()))
        .isEmpty();
  }

  @Test
  void describeMapsFamilyTagKeepTagSizeAndDevicesAndTreatsAnUnansweredLaunchTimeAsUnknown() {
    String id =
        aws.image(
            "base-2026.11",
            tag("cloudimage:family", "base"),
            tag("cloudimage:keep", "true"),
            tag("cloudimage:os", "ubuntu:24.04"));

    Image image = provider.describe(id);

    assertThat(image.family()).isEqualTo("base");
    assertThat(image.tags().has("cloudimage:keep")).isTrue();
    assertThat(image.platform().os().toString()).isEqualTo("ubuntu:24.04");
    // The emulator backs each registered image with a snapshot of its own.
    assertThat(image.guest().deviceBindings())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.snapshotId()).startsWith("snap-");
              assertThat(image.storage().sizeBytes()).isEqualTo(d.volumeSizeBytes()).isPositive();
            });
    assertThat(image.owner()).isEqualTo(aws.account);
    assertThat(image.id().region()).isEqualTo("us-east-1");
    // The emulator answers DescribeImageAttribute lastLaunchedTime with HTTP 500.
    assertThat(image.usage().lastLaunched()).isNull();
    assertThat(image.usage().inUse()).isFalse();
  }

  @Test
  void inUseCountsRunningAndStoppedInstancesAndEveryLaunchTemplateVersionButNotTerminated() {
    String running = aws.image("running");
    String stopped = aws.image("stopped");
    String terminated = aws.image("terminated");
    String oldVersion = aws.image("template-v1");
    String newVersion = aws.image("template-v2");
    String unused = aws.image("unused");
    aws.instance(running);
    String s = aws.instance(stopped);
    aws.ec2.stopInstances(r -> r.instanceIds(s));
    String t = aws.instance(terminated);
    aws.ec2.terminateInstances(r -> r.instanceIds(t));
    String template =
        aws.ec2
            .createLaunchTemplate(
                r ->
                    r.launchTemplateName("lt-" + aws.account)
                        .launchTemplateData(d -> d.imageId(oldVersion)))
            .launchTemplate()
            .launchTemplateId();
    aws.ec2.createLaunchTemplateVersion(
        r -> r.launchTemplateId(template).launchTemplateData(d -> d.imageId(newVersion)));

    assertThat(provider.imagesInUse())
        .contains(running, stopped, oldVersion, newVersion)
        .doesNotContain(terminated, unused);
    assertThat(provider.images().filter(i -> i.usage().inUse()).map(Image::nativeId))
        .containsExactlyInAnyOrder(running, stopped, oldVersion, newVersion);
    assertThat(provider.describe(unused).usage().inUse()).isFalse();
  }

  @Test
  void sharingWithAnAccountShowsAsSharedSoPoliciesTreatItsUseAsUnknown() {
    String id = aws.image("shared");

    provider.share(id, Set.of("210987654321"));
    Image shared = provider.describe(id);
    assertThat(shared.usage().sharing().accounts()).containsExactly("210987654321");
    assertThat(shared.usage().visibility()).isEqualTo(Visibility.SHARED);
    assertThat(
            provider
                .images()
                .filter(i -> i.nativeId().equals(id))
                .findFirst()
                .orElseThrow()
                .usage()
                .sharing()
                .isShared())
        .isTrue();

    provider.unshare(id, Set.of("210987654321"));
    assertThat(provider.describe(id).usage().sharing().isShared()).isFalse();
  }

  @Test
  void malformedIdsAreBadInputBeforeAnyCall() throws Exception {
    // Through an endpoint that is down: any request made would fail as unavailable instead.
    try (ImageProvider down = AwsProviderFactory.open(downConfig(), aws.options)) {
      assertThatThrownBy(() -> down.describe("ami-XYZ"))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("ami-XYZ");
      assertThatThrownBy(() -> down.describeSnapshot("snapshot-1"))
          .isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> down.deleteSnapshot("ami-0123456789abcdef0"))
          .isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> down.share("ami-0123456789abcdef0", Set.of("12345")))
          .isInstanceOf(InvalidInputException.class);
    }
  }

  private static ProviderConfig downConfig() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    return ProviderConfig.builder()
        .region("us-east-1")
        .endpoint(URI.create("http://127.0.0.1:" + port))
        .callTimeout(Duration.ofSeconds(3))
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(3)
                .baseDelay(Duration.ofMillis(50))
                .budget(Duration.ofSeconds(2))
                .build())
        .build();
  }

  @Test
  void aWellFormedIdThatNamesNothingIsNotFoundWithTheId() {
    assertThatThrownBy(() -> provider.describe("ami-0123456789abcdef0"))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> assertThat(e.resourceId()).isEqualTo("ami-0123456789abcdef0"));
    assertThatThrownBy(() -> provider.describeSnapshot("snap-0123456789abcdef0"))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.resourceId()).isEqualTo("snap-0123456789abcdef0");
              assertThat(e.errorCode()).isEqualTo("InvalidSnapshot.NotFound");
            });
  }

  @Test
  void anEndpointThatIsDownIsProviderUnavailableWithinTheCallBudget() throws Exception {
    ProviderConfig config = downConfig();
    long start = System.nanoTime();
    try (ImageProvider down = AwsProviderFactory.open(config, aws.options)) {
      assertThatThrownBy(() -> down.images().toList())
          .isInstanceOf(ProviderUnavailableException.class);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void createImageFromAnInstanceTwiceWithTheSameRequestMakesOneImage() {
    String instance = aws.instance(aws.image("seed"));
    CreateRequest request =
        new CreateRequest(instance, "captured", "from the seed", Tags.of("team", "x"), true);

    Image first = provider.createImage(request);
    Image again = provider.createImage(request);

    assertThat(again.nativeId()).isEqualTo(first.nativeId());
    assertThat(provider.images(ImageQuery.builder().namePattern("captured").build()).count())
        .isEqualTo(1);
    assertThat(provider.describe(first.nativeId()).tags().get("team")).contains("x");
  }

  @Test
  void registerImageFromASnapshotIsTheRecoveryPath() {
    String snap = aws.snapshot(16);
    Image image =
        provider.createImage(
            new CreateRequest(
                snap, "recovered", "", Tags.of("cloudimage:architecture", "arm64"), false));

    Image described = provider.describe(image.nativeId());
    assertThat(described.name()).isEqualTo("recovered");
    assertThat(described.tags().get("cloudimage:client-token")).isPresent();
    assertThat(
            provider
                .createImage(
                    new CreateRequest(
                        snap, "recovered", "", Tags.of("cloudimage:architecture", "arm64"), false))
                .nativeId())
        .isEqualTo(image.nativeId());
  }

  @Test
  void copyImageLandsInTheTargetRegionEncryptedWithTheKey() {
    String id = aws.image("to-copy");
    Image copy =
        provider.copyImage(
            new CopyRequest(id, "eu-west-1", "to-copy-eu", null, "alias/cloudimage"));

    assertThat(copy.id().region()).isEqualTo("eu-west-1");
    assertThat(copy.nativeId()).startsWith("ami-").isNotEqualTo(id);
    try (ImageProvider eu =
        AwsProviderFactory.open(aws.config().withRegion("eu-west-1"), aws.options)) {
      assertThat(eu.describe(copy.nativeId()).name()).isEqualTo("to-copy-eu");
    }
  }

  @Test
  void deregisterWithSnapshotsDeletesTheImagesSnapshotsAndKeepOnlyKeepsThem() {
    String old = aws.image("old");
    String kept = aws.image("kept");
    String oldSnapshot = snapshotOf(old);
    String keptSnapshot = snapshotOf(kept);

    provider.deregister(old, DeregisterOptions.DELETE_SNAPSHOTS);
    provider.deregister(kept, DeregisterOptions.KEEP_SNAPSHOTS);

    assertThat(provider.images()).isEmpty();
    assertThat(provider.snapshots().map(Snapshot::id))
        .contains(keptSnapshot)
        .doesNotContain(oldSnapshot);
  }

  private String snapshotOf(String imageId) {
    String snap = provider.describe(imageId).guest().deviceBindings().get(0).snapshotId();
    assertThat(snap).isNotNull();
    return snap;
  }

  @Test
  void deregisterRefusesAnImageInstancesRunFrom() {
    String id = aws.image("busy");
    aws.instance(id);
    assertThatThrownBy(() -> provider.deregister(id, DeregisterOptions.KEEP_SNAPSHOTS))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("in use");
  }

  @Test
  void deletingASnapshotThatBacksAnImageIsAConflict() {
    String snap = snapshotOf(aws.image("backed"));
    assertThatThrownBy(() -> provider.deleteSnapshot(snap))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.errorCode()).isEqualTo("InvalidSnapshot.InUse"));
  }

  @Test
  void tagsAreAddedAndRemoved() {
    String id = aws.image("tagged", tag("old", "1"));
    provider.tag(id, Tags.of("new", "2"), Set.of("old"));
    assertThat(provider.describe(id).tags().asMap())
        .containsEntry("new", "2")
        .doesNotContainKey("old");
  }

  @Test
  void snapshotsAreListedWithSizesAndTier() {
    String snap = aws.snapshot(4);
    List<Snapshot> snapshots = provider.snapshots().toList();
    assertThat(snapshots).extracting(Snapshot::id).contains(snap);
    Snapshot s = provider.describeSnapshot(snap);
    assertThat(s.volumeSizeBytes()).isEqualTo(4L << 30);
    assertThat(s.tier().id()).isEqualTo("hot");
  }

  @Test
  void identityIsTheAssumedRolesAccountAndTheRegion() {
    assertThat(provider.identity()).isEqualTo("aws:" + aws.account + ":us-east-1");
  }

  @Test
  void theFactoryIsFoundByServiceLoader() {
    try (ImageProvider p =
        Providers.open(
            "aws", ProviderConfig.builder().region("us-east-1").endpoint(aws.endpoint).build())) {
      assertThat(p.name()).isEqualTo("aws");
      assertThat(p.region()).isEqualTo("us-east-1");
    }
  }
}
