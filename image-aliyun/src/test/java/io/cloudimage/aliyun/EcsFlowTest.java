package io.cloudimage.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.CreateRequest;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ExportRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EcsFlowTest {
  static final String REGION = AliyunProviderTest.REGION;
  static final String TARGET = "cn-shanghai";

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

  static Set<String> accounts(int from, int count) {
    return IntStream.range(from, from + count)
        .mapToObj(i -> String.valueOf(1000000000000000L + i))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private Image awaitAvailable(String region, String id) {
    for (int i = 0; i < 10; i++) {
      Image image = provider.describeIn(region, id);
      if (image.state() == ImageState.AVAILABLE) {
        return image;
      }
    }
    throw new AssertionError(id + " never became available");
  }

  @Test
  void createCopyShareDeprecateDelete() {
    LocalEcsEndpoint.FakeImage base = ecs.addImage(REGION, "base");
    LocalEcsEndpoint.FakeInstance instance = ecs.addInstance(REGION, base.id);
    ecs.pollsToFinish(2);

    Image created = provider.createImage(CreateRequest.of(instance.id(), "web-2026.11"), "web");
    assertThat(created.state()).isEqualTo(ImageState.PENDING);
    Image ready = awaitAvailable(REGION, created.nativeId());
    assertThat(ready.family()).isEqualTo("web");

    Image copy =
        provider.copyImage(
            new CopyRequest(created.nativeId(), TARGET, "web-2026.11", null, "key-0123"));
    assertThat(copy.id().region()).isEqualTo(TARGET);
    awaitAvailable(TARGET, copy.nativeId());
    assertThat(ecs.snapshot(ecs.image(copy.nativeId()).disks.get(0)[1]).kmsKeyId)
        .isEqualTo("key-0123");

    Set<String> team = accounts(0, 3);
    provider.share(created.nativeId(), team);
    assertThat(provider.sharedWith(created.nativeId())).containsExactlyElementsOf(team);
    assertThat(provider.describe(created.nativeId()).usage().sharing().accounts()).isEqualTo(team);

    assertThatThrownBy(() -> provider.deprecate(created.nativeId(), Instant.now()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("unshare it before deprecating");
    assertThat(ecs.calls()).doesNotContain("ModifyImageAttribute");

    provider.unshare(created.nativeId(), team);
    provider.deprecate(created.nativeId(), Instant.now());
    Image deprecated = provider.describe(created.nativeId());
    assertThat(deprecated.deprecation()).isNotNull();
    assertThat(provider.latestInFamily("web")).isEmpty();

    provider.deregister(created.nativeId(), DeregisterOptions.DELETE_SNAPSHOTS);
    assertThat(ecs.image(created.nativeId())).isNull();
    assertThat(ecs.snapshot(ready.guest().deviceBindings().get(0).snapshotId())).isNull();
  }

  @Test
  void theImageCheckAfterCreateIsSurfacedAsFindings() {
    LocalEcsEndpoint.FakeSnapshot root = ecs.addSnapshot(REGION, 40);
    ecs.pollsToFinish(3);
    ecs.checkFindings(
        new String[] {"CheckVirtioDriver", "UNSUPPORTED", "High"},
        new String[] {"CheckFstab", "INVALID_UUID", "Medium"},
        new String[] {"CheckDhcp", "OK", ""});
    Image image = provider.createImage(CreateRequest.of(root.id, "checked"));
    assertThat(provider.imageCheck(image.nativeId()).finished()).isFalse();

    ImageCheck check = provider.awaitImageCheck(image.nativeId(), Duration.ofSeconds(10));

    assertThat(check.findings()).hasSize(3);
    assertThat(check.risks())
        .extracting(ImageCheck.Finding::topic, ImageCheck.Finding::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ImageCheck.Topic.DRIVERS, ImageCheck.Severity.HIGH),
            org.assertj.core.groups.Tuple.tuple(
                ImageCheck.Topic.FSTAB, ImageCheck.Severity.MEDIUM));
  }

  @Test
  void createsFromSnapshotsKeyedByDevice() {
    LocalEcsEndpoint.FakeSnapshot root = ecs.addSnapshot(REGION, 40);
    LocalEcsEndpoint.FakeSnapshot data = ecs.addSnapshot(REGION, 100);
    Image image =
        provider.createImageFromSnapshots(
            Map.of("/dev/xvda", root.id, "/dev/xvdb", data.id),
            CreateRequest.of(root.id, "two-disks"),
            null);
    assertThat(awaitAvailable(REGION, image.nativeId()).guest().deviceBindings())
        .extracting(d -> d.snapshotId())
        .containsExactlyInAnyOrder(root.id, data.id);
  }

  @Test
  void parametersOutsideTheUnreservedSetAreSignedAsTheServiceEncodesThem() {
    LocalEcsEndpoint.FakeSnapshot root = ecs.addSnapshot(REGION, 40);
    String name = "网站 web*~(1)";
    CreateRequest request =
        new CreateRequest(
            root.id,
            name,
            "a&b=c+d %20 ü/\\",
            io.cloudimage.core.model.Tags.of("k ey", "v/*~"),
            false);
    Image image = provider.createImage(request);
    Image ready = awaitAvailable(REGION, image.nativeId());
    assertThat(ready.name()).isEqualTo(name);
    assertThat(ready.description()).isEqualTo("a&b=c+d %20 ü/\\");
    assertThat(ready.tags().get("k ey")).contains("v/*~");
  }

  @Test
  void deletingAnImageInUseNeedsForce() {
    LocalEcsEndpoint.FakeImage base = ecs.addImage(REGION, "base");
    ecs.addInstance(REGION, base.id);
    assertThatThrownBy(() -> provider.deregister(base.id, DeregisterOptions.KEEP_SNAPSHOTS))
        .isInstanceOf(ConflictException.class);
    provider.deleteImage(base.id, ImageDeletion.FORCE);
    assertThat(ecs.image(base.id)).isNull();
  }

  @Test
  void aShareOverTheQuotaIsRefusedBeforeAnyCallNamingTheQuota() {
    LocalEcsEndpoint.FakeImage image = ecs.addImage(REGION, "a");

    assertThatThrownBy(() -> provider.share(image.id, accounts(0, 11)))
        .isInstanceOf(EcsQuotaExceededException.class)
        .hasMessageContaining("accounts per ModifyImageSharePermission call")
        .satisfies(e -> assertThat(((EcsQuotaExceededException) e).limit()).isEqualTo(10));
    assertThat(ecs.calls()).isEmpty();

    for (int i = 0; i < 5; i++) {
      provider.share(image.id, accounts(i * 10, 10));
    }
    ecs.calls();
    int before = ecs.calls().size();
    assertThatThrownBy(() -> provider.share(image.id, accounts(50, 1)))
        .isInstanceOf(EcsQuotaExceededException.class)
        .hasMessageContaining("accounts per image");
    assertThat(ecs.calls().subList(before, ecs.calls().size()))
        .doesNotContain("ModifyImageSharePermission");
    assertThat(image.sharedWith).hasSize(50);
  }

  @Test
  void aNormalAccountSharesWithFiveAccountsAndFiftyCallsAMonth() {
    LocalEcsEndpoint.FakeImage image = ecs.addImage(REGION, "a");
    SharingPolicy normal = SharingPolicy.of(SharingPolicy.AccountTier.NORMAL);
    assertThatThrownBy(
            () -> normal.checkShare(image.id, REGION, REGION, List.of(), accounts(0, 6), 0))
        .isInstanceOf(EcsQuotaExceededException.class)
        .hasMessageContaining("accounts per image");
    assertThatThrownBy(
            () -> normal.checkShare(image.id, REGION, REGION, List.of(), accounts(0, 1), 50))
        .isInstanceOf(EcsQuotaExceededException.class)
        .hasMessageContaining("share calls per month");
    assertThatThrownBy(
            () -> normal.checkShare(image.id, REGION, TARGET, List.of(), accounts(0, 1), 0))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("copy it to " + TARGET);
    assertThatThrownBy(
            () -> normal.checkShare(image.id, REGION, REGION, List.of(), Set.of("alice"), 0))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void shareCallsArePricedAsCostEntries() {
    SharingPolicy policy = SharingPolicy.defaults();
    assertThat(policy.costOf(3, 0, SharingPolicy.Network.EXTERNAL, false))
        .singleElement()
        .satisfies(c -> assertThat(c.amount().amount()).isEqualByComparingTo("1.5"));
    assertThat(policy.costOf(3, 0, SharingPolicy.Network.EXTERNAL, true))
        .singleElement()
        .satisfies(c -> assertThat(c.amount().amount()).isEqualByComparingTo("0"));
    List<SharingPolicy.CostEntry> internal =
        policy.costOf(4, 198, SharingPolicy.Network.INTERNAL, false);
    assertThat(internal).hasSize(2);
    assertThat(internal.get(0).amount().amount()).isEqualByComparingTo("0");
    assertThat(internal.get(1).amount().amount()).isEqualByComparingTo("1.0");
    assertThat(internal.get(1).amount().currency().getCurrencyCode()).isEqualTo("CNY");
  }

  @Test
  void theCopyWindowReportsAndCancelsWhatDidNotFinish() {
    LocalEcsEndpoint.FakeImage a = ecs.addImage(REGION, "a");
    // Every DescribeImages of the target region advances its copies; the idempotent copy looks
    // there once before copying, so leave room for that and the window's polls.
    ecs.pollsToFinish(20);
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-20T10:00:00Z"));
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    CopyWindow window =
        new CopyWindow(
            provider,
            Duration.ofHours(2),
            Duration.ofMinutes(30),
            CopyWindow.AtDeadline.CANCEL_UNFINISHED,
            clock,
            d -> now.set(now.get().plus(d)));

    CopyWindow.Report report =
        window.run(
            List.of(
                CopyRequest.toRegion(a.id, TARGET, "a-sh"),
                CopyRequest.toRegion(a.id, "cn-beijing", "a-bj"),
                CopyRequest.toRegion("m-bp1missing", TARGET, "x")));

    assertThat(report.complete()).isFalse();
    assertThat(report.finished()).isEmpty();
    assertThat(report.unfinished()).hasSize(3);
    assertThat(report.unfinished().get(0).problem()).contains("not finished", "cancelled");
    assertThat(report.unfinished().get(0).progress()).isBetween(1, 99);
    assertThat(report.unfinished().get(2).problem()).startsWith("not started");
    assertThat(ecs.images(TARGET)).isEmpty();
    assertThat(ecs.images("cn-beijing")).isEmpty();
  }

  @Test
  void theCopyWindowReportsCopiesThatFinished() {
    LocalEcsEndpoint.FakeImage a = ecs.addImage(REGION, "a");
    ecs.pollsToFinish(2);
    CopyWindow.Report report =
        new CopyWindow(
                provider,
                Duration.ofHours(2),
                Duration.ofMillis(1),
                CopyWindow.AtDeadline.CANCEL_UNFINISHED,
                Clock.systemUTC(),
                d -> {})
            .run(List.of(CopyRequest.toRegion(a.id, TARGET, "a-sh")));
    assertThat(report.complete()).isTrue();
    assertThat(report.finished())
        .singleElement()
        .satisfies(o -> assertThat(o.progress()).isEqualTo(100));
  }

  @Test
  void familiesResolveToTheNewestAndRollBackByDeprecating() {
    LocalEcsEndpoint.FakeImage older = ecs.addImage(REGION, "v1");
    older.family = "web";
    LocalEcsEndpoint.FakeImage newer = ecs.addImage(REGION, "v2");
    newer.family = "web";

    assertThat(provider.latestInFamily("web")).map(Image::nativeId).contains(newer.id);
    assertThat(provider.rollBackFamily("web").nativeId()).isEqualTo(newer.id);
    assertThat(provider.latestInFamily("web")).map(Image::nativeId).contains(older.id);
  }

  @Test
  void familyLimitsAreCheckedBeforeCreating() {
    LocalEcsEndpoint.FakeImage base = ecs.addImage(REGION, "base");
    for (int i = 0; i < 100; i++) {
      ecs.addImage(REGION, "f" + i).family = "full";
    }
    LocalEcsEndpoint.FakeInstance instance = ecs.addInstance(REGION, base.id);
    assertThatThrownBy(() -> provider.createImage(CreateRequest.of(instance.id(), "x"), "full"))
        .isInstanceOf(EcsQuotaExceededException.class)
        .hasMessageContaining("images per family");
    assertThat(ecs.calls()).doesNotContain("CreateImage");

    FamilyLimits two = new FamilyLimits(100, 2);
    assertThatThrownBy(() -> two.checkRoomFor("third", Map.of("a", 1, "b", 1)))
        .isInstanceOf(EcsQuotaExceededException.class)
        .hasMessageContaining("families per region");
    assertThatThrownBy(() -> FamilyLimits.checkName("aliyun-web"))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void exportsToOssAndPollsTheTaskToCompletion() {
    LocalEcsEndpoint.FakeImage image = ecs.addImage(REGION, "a");
    ecs.pollsToFinish(3);
    provider.exportImage(new ExportRequest(image.id, URI.create("oss://bucket/exports/"), "qcow2"));
    assertThat(ecs.exported()).containsExactly("oss://bucket/exports/" + image.id + ".qcow2");
  }

  @Test
  void windowsAndMarketplaceImagesAreRefusedBeforeTheExportCall() {
    LocalEcsEndpoint.FakeImage windows = ecs.addImage(REGION, "win");
    windows.osType = "windows";
    windows.platform = "Windows Server 2022";
    LocalEcsEndpoint.FakeImage market = ecs.addImage(REGION, "market");
    market.productCode = "cmjj012345";

    for (String id : List.of(windows.id, market.id)) {
      assertThatThrownBy(
              () ->
                  provider.exportImage(new ExportRequest(id, URI.create("oss://bucket/x"), "raw")))
          .isInstanceOf(InvalidInputException.class);
    }
    assertThatThrownBy(
            () ->
                provider.exportImage(
                    new ExportRequest(windows.id, URI.create("s3://bucket/x"), "raw")))
        .isInstanceOf(InvalidInputException.class);
    assertThat(ecs.calls()).doesNotContain("ExportImage");
  }
}
