package io.cloudimage.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.client.ImageProviderFactory;
import io.cloudimage.core.error.AccessDeniedException;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.error.ProviderUnavailableException;
import io.cloudimage.core.error.ThrottledException;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.Visibility;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.core.provider.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AliyunProviderTest {
  static final String REGION = "cn-hangzhou";

  LocalEcsEndpoint ecs;
  AliyunProvider provider;

  @BeforeEach
  void start() throws Exception {
    ecs = LocalEcsEndpoint.start();
    provider = open(ecs, LocalEcsEndpoint.SECRET, 4);
  }

  @AfterEach
  void stop() {
    provider.close();
    ecs.close();
  }

  static AliyunProvider open(LocalEcsEndpoint ecs, String secret, int attempts) {
    ProviderConfig config =
        ProviderConfig.builder()
            .region(REGION)
            .endpoint(ecs.uri())
            .callTimeout(Duration.ofSeconds(20))
            .callAttemptTimeout(Duration.ofSeconds(5))
            .retryPolicy(RetryPolicy.builder().maxAttempts(attempts).sleeper(d -> {}).build())
            .build();
    return AliyunProvider.open(
        config,
        AliyunCredentials.of(LocalEcsEndpoint.ACCESS_KEY_ID, secret),
        SharingPolicy.defaults());
  }

  @Test
  void listsEveryOwnImageAcrossPagesWithTheirTags() {
    for (int i = 0; i < 5; i++) {
      ecs.addImage(REGION, "web-" + i).tags.put(LifecyclePolicy.KEEP_TAG, "true");
    }
    ecs.addImage("cn-shanghai", "elsewhere");

    List<Image> images = provider.images(ImageQuery.builder().pageSize(2).build()).toList();

    assertThat(images)
        .extracting(Image::name)
        .containsExactlyInAnyOrder("web-0", "web-1", "web-2", "web-3", "web-4");
    assertThat(images).allMatch(i -> i.tags().has(LifecyclePolicy.KEEP_TAG));
    assertThat(ecs.calls().stream().filter("DescribeImages"::equals).count()).isEqualTo(3);
  }

  @Test
  void describeMapsTheImageIntoTheModel() {
    LocalEcsEndpoint.FakeImage fake = ecs.addImage(REGION, "base");
    fake.family = "web";
    fake.architecture = "arm64";
    ecs.addInstance(REGION, fake.id);

    Image image = provider.describe(fake.id);

    assertThat(image.nativeId()).isEqualTo(fake.id);
    assertThat(image.id().region()).isEqualTo(REGION);
    assertThat(image.family()).isEqualTo("web");
    assertThat(image.platform().architecture()).isEqualTo(Architecture.ARM64);
    assertThat(image.platform().os().family()).isEqualTo(OsFamily.UBUNTU);
    assertThat(image.platform().os().version()).isEqualTo("22.04");
    assertThat(image.state()).isEqualTo(ImageState.AVAILABLE);
    assertThat(image.usage().visibility()).isEqualTo(Visibility.PRIVATE);
    assertThat(image.usage().inUse()).isTrue();
    assertThat(image.storage().sizeBytes()).isEqualTo(40L << 30);
    assertThat(image.guest().deviceBindings())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.deviceName()).isEqualTo("/dev/xvda");
              assertThat(d.snapshotId()).isEqualTo(fake.disks.get(0)[1]);
            });
  }

  @Test
  void filtersByOwnerAliasFamilyStatusAndTag() {
    ecs.addImage(REGION, "a").family = "web";
    LocalEcsEndpoint.FakeImage b = ecs.addImage(REGION, "b");
    b.family = "web";
    b.tags.put("team", "blue");
    ecs.addImage(REGION, "sys").ownerAlias = "system";
    ecs.addImage(REGION, "old").status = "Deprecated";

    assertThat(provider.images(EcsImageFilter.OWN.withFamily("web")).map(Image::name))
        .containsExactlyInAnyOrder("a", "b");
    assertThat(
            provider
                .images(
                    EcsImageFilter.OWN
                        .withFamily("web")
                        .withTags(io.cloudimage.core.model.Tags.of("team", "blue")))
                .map(Image::name))
        .containsExactly("b");
    assertThat(provider.images(EcsImageFilter.OWN.withOwnerAlias("system")).map(Image::name))
        .containsExactly("sys");
    assertThat(provider.images(EcsImageFilter.OWN.withStatuses(Set.of("Deprecated"))).toList())
        .singleElement()
        .satisfies(i -> assertThat(i.deprecation()).isNotNull());
    assertThat(provider.images(ImageQuery.builder().excludeDeprecated().build()).map(Image::name))
        .containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void wrongSecretIsASignatureRejectionWithTheHint() {
    ecs.addImage(REGION, "a");
    try (AliyunProvider wrong = open(ecs, "not-the-secret", 4)) {
      assertThatThrownBy(() -> wrong.images().toList())
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("signature rejected")
          .hasMessageContaining("clock")
          .hasMessageContaining("secret")
          .hasMessageNotContaining("not-the-secret")
          .satisfies(
              e -> {
                CloudImageException c = (CloudImageException) e;
                assertThat(c.errorCode()).isEqualTo("SignatureDoesNotMatch");
                assertThat(c.requestId()).isNotBlank();
                assertThat(c.retryable()).isFalse();
              });
    }
    assertThat(ecs.calls()).containsExactly("DescribeImages");
  }

  @Test
  void malformedImageIdsAreRefusedBeforeAnyCall() {
    for (String bad : List.of("ami-0abc", "m-UPPER", "m-", "m-abc/../x", "")) {
      assertThatThrownBy(() -> provider.describe(bad)).isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(
              () ->
                  provider.deregister(
                      bad, io.cloudimage.core.provider.DeregisterOptions.KEEP_SNAPSHOTS))
          .isInstanceOf(InvalidInputException.class);
    }
    assertThat(ecs.calls()).isEmpty();
  }

  @Test
  void unknownImageIsNotFoundWithItsId() {
    assertThatThrownBy(() -> provider.describe("m-bp1doesnotexist"))
        .isInstanceOf(NotFoundException.class)
        .satisfies(
            e -> assertThat(((NotFoundException) e).resourceId()).isEqualTo("m-bp1doesnotexist"));
    assertThatThrownBy(() -> provider.deleteImage("m-bp1doesnotexist", ImageDeletion.UNLESS_IN_USE))
        .isInstanceOf(NotFoundException.class)
        .satisfies(
            e -> {
              NotFoundException n = (NotFoundException) e;
              assertThat(n.resourceId()).isEqualTo("m-bp1doesnotexist");
              assertThat(n.errorCode()).isEqualTo("InvalidImageId.NotFound");
            });
  }

  @Test
  void throttlingAndOutagesAreRetriedUntilTheCallSucceeds() {
    LocalEcsEndpoint.FakeImage fake = ecs.addImage(REGION, "a");
    ecs.failNext("Throttling.User", 1);
    ecs.failNext("ServiceUnavailable", 1);
    ecs.failNext("InternalError", 1);

    assertThat(provider.describe(fake.id).name()).isEqualTo("a");
    assertThat(ecs.calls()).hasSize(4);
  }

  @Test
  void retriesStopAtTheAttemptBudgetWithTheLastRetryableError() {
    ecs.addImage(REGION, "a");
    ecs.failNext("Throttling.User", 4);
    assertThatThrownBy(() -> provider.images().toList())
        .isInstanceOf(ThrottledException.class)
        .satisfies(e -> assertThat(((CloudImageException) e).retryable()).isTrue());
    assertThat(ecs.calls()).hasSize(4);

    ecs.failNext("ServiceUnavailable", 4);
    assertThatThrownBy(() -> provider.images().toList())
        .isInstanceOf(ProviderUnavailableException.class);
  }

  @Test
  void anUnreachableEndpointIsUnavailableWithinTheCallTimeout() throws Exception {
    java.net.URI dead;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      dead = java.net.URI.create("http://127.0.0.1:" + s.getLocalPort());
    }
    ProviderConfig config =
        ProviderConfig.builder()
            .region(REGION)
            .endpoint(dead)
            .callTimeout(Duration.ofSeconds(5))
            .callAttemptTimeout(Duration.ofSeconds(1))
            .retryPolicy(RetryPolicy.builder().maxAttempts(2).sleeper(d -> {}).build())
            .build();
    long start = System.nanoTime();
    try (AliyunProvider p =
        AliyunProvider.open(
            config, AliyunCredentials.of("id", "secret"), SharingPolicy.defaults())) {
      assertThatThrownBy(() -> p.images().toList())
          .isInstanceOf(ProviderUnavailableException.class);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void listsSnapshotsAndImagesInUse() {
    LocalEcsEndpoint.FakeImage used = ecs.addImage(REGION, "used");
    ecs.addImage(REGION, "idle");
    ecs.addInstance(REGION, used.id);

    assertThat(provider.imagesInUse()).containsExactly(used.id);
    List<Snapshot> snapshots = provider.snapshots().toList();
    assertThat(snapshots).hasSize(2);
    assertThat(snapshots)
        .allSatisfy(
            s -> {
              assertThat(s.provider()).isEqualTo("aliyun");
              assertThat(s.volumeSizeBytes()).isEqualTo(40L << 30);
            });
    String id = snapshots.get(0).id();
    assertThat(provider.describeSnapshot(id).id()).isEqualTo(id);
  }

  @Test
  void deletingASnapshotThatBacksAnImageIsAConflict() {
    LocalEcsEndpoint.FakeImage image = ecs.addImage(REGION, "a");
    assertThatThrownBy(() -> provider.deleteSnapshot(image.disks.get(0)[1]))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("SnapshotCreatedImage");
  }

  @Test
  void providersFindsTheFactoryWhichOpensWithTheProfileFileAndTheEndpointOverride(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path home) throws Exception {
    assertThat(io.cloudimage.core.client.Providers.factories().get("aliyun"))
        .isInstanceOf(AliyunProviderFactory.class);
    java.nio.file.Path dir = java.nio.file.Files.createDirectories(home.resolve(".alibabacloud"));
    java.nio.file.Files.writeString(
        dir.resolve("credentials"),
        "[test]\naccess_key_id = "
            + LocalEcsEndpoint.ACCESS_KEY_ID
            + "\naccess_key_secret = "
            + LocalEcsEndpoint.SECRET
            + "\n");
    ecs.addImage(REGION, "found");
    // An environment without keys and a home holding the profile file, whatever this process has.
    try (io.cloudimage.core.client.ImageProvider p =
        new AliyunProviderFactory(java.util.Map.of(), home)
            .open(
                ProviderConfig.builder()
                    .region(REGION)
                    .endpoint(ecs.uri())
                    .profile("test")
                    .build())) {
      assertThat(p).isInstanceOf(AliyunProvider.class);
      assertThat(p.images().map(Image::name)).containsExactly("found");
    }
  }

  @Test
  void failuresFallIntoTheExitCodeClassesOfTheCommandLine() {
    LocalEcsEndpoint.FakeImage image = ecs.addImage(REGION, "a");
    try (AliyunProvider wrong = open(ecs, "not-the-secret", 1)) {
      // exit 4: a provider failure
      assertThatThrownBy(() -> wrong.describe(image.id))
          .isInstanceOf(io.cloudimage.core.error.ProviderException.class);
    }
    // exit 3: bad input, before any call
    assertThatThrownBy(() -> provider.describe("m-Bad")).isInstanceOf(InvalidInputException.class);
    // exit 1: a check failed, before any call
    int before = ecs.calls().size();
    assertThatThrownBy(() -> provider.share(image.id, EcsFlowTest.accounts(0, 11)))
        .isInstanceOf(io.cloudimage.core.error.CheckFailedException.class);
    assertThat(ecs.calls()).hasSize(before);
  }

  @Test
  void theFactoryIsFoundByName() {
    assertThat(ServiceLoader.load(ImageProviderFactory.class).stream().map(p -> p.get().name()))
        .contains("aliyun");
  }
}
