package io.cloudimage.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.error.ProviderUnavailableException;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.OsFamily;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.core.provider.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OssImportTest {
  static final String REGION = AliyunProviderTest.REGION;
  static final OperatingSystem UBUNTU = OperatingSystem.of(OsFamily.UBUNTU, "22.04");

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
  void importsDisksFromOssPollsToAvailableAndRunsTheImageCheck() {
    ecs.putOssObject("images-hz", "web/root.qcow2");
    ecs.putOssObject("images-hz", "web/data.raw");
    ecs.pollsToFinish(3);
    ecs.checkFindings(new String[] {"CheckVirtioDriver", "UNSUPPORTED", "High"});
    List<Progress> progress = new CopyOnWriteArrayList<>();
    OssImport request =
        new OssImport(
            "web-2026.12",
            List.of(
                OssDisk.systemDisk(URI.create("oss://images-hz/web/root.qcow2"), "qcow2"),
                OssDisk.at(URI.create("oss://images-hz/web/data.raw"), "raw", "/dev/xvdb")),
            UBUNTU,
            Architecture.ARM64,
            "imported web image",
            Tags.of("team", "web"),
            "web");

    ImportedImage imported = provider.importFromOss(request, progress::add, Cancellation.never());

    assertThat(imported.image().state()).isEqualTo(ImageState.AVAILABLE);
    assertThat(imported.image().family()).isEqualTo("web");
    assertThat(imported.image().platform().architecture()).isEqualTo(Architecture.ARM64);
    assertThat(imported.image().platform().os().family()).isEqualTo(OsFamily.UBUNTU);
    assertThat(imported.image().tags().get("team")).contains("web");
    assertThat(imported.image().guest().deviceBindings()).hasSize(2);
    assertThat(imported.check().finished()).isTrue();
    assertThat(imported.check().risks())
        .extracting(ImageCheck.Finding::topic)
        .containsExactly(ImageCheck.Topic.DRIVERS);
    assertThat(progress).extracting(Progress::done).contains(33L, 66L, 100L).isSorted();
    Map<String, String> sent = ecs.imports().get(0);
    assertThat(sent)
        .containsEntry("DiskDeviceMapping.1.OSSBucket", "images-hz")
        .containsEntry("DiskDeviceMapping.1.OSSObject", "web/root.qcow2")
        .containsEntry("DiskDeviceMapping.1.Format", "qcow2")
        .containsEntry("DiskDeviceMapping.1.Device", "/dev/xvda")
        .containsEntry("DiskDeviceMapping.2.Format", "RAW")
        .containsEntry("DiskDeviceMapping.2.Device", "/dev/xvdb")
        .containsEntry("Architecture", "arm64")
        .containsEntry("OSType", "linux")
        .containsEntry("Platform", "Ubuntu")
        .containsEntry("DetectionStrategy", "Standard");
    assertThat(ecs.calls()).contains("DescribeTasks");
  }

  @Test
  void aFailedImportNamesTheTaskAndTheDisk() {
    ecs.putOssObject("images-hz", "bad.vhd");
    ecs.pollsToFinish(3);
    ecs.failImports();
    OssImport request =
        OssImport.of(
            "bad",
            OssDisk.systemDisk(URI.create("oss://images-hz/bad.vhd"), "vhd"),
            UBUNTU,
            Architecture.X86_64);

    assertThatThrownBy(() -> provider.importFromOss(request))
        .isInstanceOf(CloudImageException.class)
        .hasMessageContaining("oss://images-hz/bad.vhd")
        .hasMessageContaining("CreateFailed")
        .hasMessageContaining("t-");
  }

  @Test
  void aMissingOssObjectIsNotFound() {
    OssImport request =
        OssImport.of(
            "missing",
            OssDisk.systemDisk(URI.create("oss://images-hz/none.raw"), "raw"),
            UBUNTU,
            Architecture.X86_64);

    assertThatThrownBy(() -> provider.importFromOss(request))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("InvalidOSSObject.NotFound");
  }

  @Test
  void anImportThatOutlastsTheOperationTimeoutIsReportedWithItsLastState() {
    ecs.putOssObject("images-hz", "slow.raw");
    ecs.pollsToFinish(1000);
    ProviderConfig config =
        ProviderConfig.builder()
            .region(REGION)
            .endpoint(ecs.uri())
            .operationTimeout(Duration.ofMillis(400))
            .retryPolicy(RetryPolicy.builder().maxAttempts(2).sleeper(d -> {}).build())
            .build();
    try (AliyunProvider slow =
        AliyunProvider.open(
            config,
            AliyunCredentials.of(LocalEcsEndpoint.ACCESS_KEY_ID, LocalEcsEndpoint.SECRET),
            SharingPolicy.defaults())) {
      OssImport request =
          OssImport.of(
              "slow",
              OssDisk.systemDisk(URI.create("oss://images-hz/slow.raw"), "raw"),
              UBUNTU,
              Architecture.X86_64);

      assertThatThrownBy(() -> slow.importFromOss(request))
          .isInstanceOf(ProviderUnavailableException.class)
          .hasMessageContaining("timed out")
          .hasMessageContaining("Creating");
    }
  }

  @Test
  void badImportRequestsAreRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> OssDisk.systemDisk(URI.create("s3://bucket/root.raw"), "raw"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("oss://bucket/key");
    assertThatThrownBy(() -> OssDisk.systemDisk(URI.create("oss://images-hz/root.iso"), "iso"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("qcow2");
    OssDisk data = OssDisk.at(URI.create("oss://images-hz/data.raw"), "raw", "/dev/xvdb");
    assertThatThrownBy(
            () ->
                new OssImport(
                    "x", List.of(data), UBUNTU, Architecture.X86_64, "", Tags.EMPTY, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("system disk /dev/xvda");
    assertThatThrownBy(
            () ->
                OssImport.of(
                        "x",
                        OssDisk.systemDisk(URI.create("oss://images-hz/r.raw"), "raw"),
                        UBUNTU,
                        Architecture.X86_64)
                    .withFamily("aliyun-web"))
        .isInstanceOf(InvalidInputException.class);
    assertThat(ecs.calls()).isEmpty();
  }
}
