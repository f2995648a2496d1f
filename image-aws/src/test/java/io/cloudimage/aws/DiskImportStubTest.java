package io.cloudimage.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.ProviderException;
import io.cloudimage.core.error.ProviderUnavailableException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.Progress;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.core.spi.Operation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ImportImage and ImportSnapshot from S3, which the emulator does not implement, against an HTTP
 * stub answering with the EC2 API reference's and the CLI reference's examples (task ids, the 42%
 * "downloading/converting" and 28% "converting" states, the completed tasks).
 */
class DiskImportStubTest {
  private static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
  private static final String AMI = "ami-0123456789abcdef0";
  private static final String SNAP = "snap-1234567890abcdef0";
  private static final String IMAGE_TASK = "import-ami-1234567890abcdef0";
  private static final String SNAPSHOT_TASK = "import-snap-1234567890abcdef0";

  private WireMockServer server;
  private AwsDriver driver;
  private final List<Progress> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    ProviderConfig config =
        ProviderConfig.builder()
            .region("us-east-1")
            .endpoint(URI.create(server.baseUrl()))
            .callTimeout(Duration.ofSeconds(20))
            .build();
    driver = new AwsDriver(config, AwsOptions.DEFAULTS.withCredentials(Emulator.KEYS));
  }

  @AfterEach
  void stop() {
    driver.close();
    server.stop();
  }

  private Operation operation(String name, Duration budget) {
    return new Operation(name, progress::add, Cancellation.never(), Instant.now().plus(budget));
  }

  private static String ok(String action, String body) {
    return "<"
        + action
        + "Response xmlns=\""
        + NS
        + "\"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>"
        + body
        + "</"
        + action
        + "Response>";
  }

  private void answer(String action, String body) {
    server.stubFor(
        post(urlPathEqualTo("/"))
            .withRequestBody(containing("Action=" + action + "&"))
            .willReturn(aResponse().withStatus(200).withBody(ok(action, body))));
  }

  /** The first poll answers {@code first}, every later one {@code then}. */
  private void poll(String action, String first, String then) {
    String scenario = action;
    server.stubFor(
        post(urlPathEqualTo("/"))
            .inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED)
            .withRequestBody(containing("Action=" + action + "&"))
            .willReturn(aResponse().withStatus(200).withBody(ok(action, first)))
            .willSetStateTo("later"));
    server.stubFor(
        post(urlPathEqualTo("/"))
            .inScenario(scenario)
            .whenScenarioStateIs("later")
            .withRequestBody(containing("Action=" + action + "&"))
            .willReturn(aResponse().withStatus(200).withBody(ok(action, then))));
  }

  private static String imageTask(String state) {
    return "<importImageTaskSet><item><importTaskId>"
        + IMAGE_TASK
        + "</importTaskId>"
        + state
        + "</item></importImageTaskSet>";
  }

  private static String snapshotTask(String state) {
    return "<importSnapshotTaskSet><item><description>My server VMDK</description><importTaskId>"
        + SNAPSHOT_TASK
        + "</importTaskId><snapshotTaskDetail><description>My server VMDK</description>"
        + "<diskImageSize>705638400.0</diskImageSize><format>VMDK</format>"
        + state
        + "<userBucket><s3Bucket>my-import-bucket</s3Bucket><s3Key>vms/my-server-vm.vmdk</s3Key>"
        + "</userBucket></snapshotTaskDetail></item></importSnapshotTaskSet>";
  }

  @Test
  void importImageSendsTheDiskContainerKeyAndTokenAndPollsUntilTheImageIsThere() {
    answer(
        "ImportImage",
        "<importTaskId>"
            + IMAGE_TASK
            + "</importTaskId><progress>2</progress><status>active</status>"
            + "<statusMessage>pending</statusMessage>");
    poll(
        "DescribeImportImageTasks",
        imageTask(
            "<progress>28</progress><status>active</status>"
                + "<statusMessage>converting</statusMessage>"),
        imageTask("<imageId>" + AMI + "</imageId><status>completed</status>"));
    answer(
        "DescribeImages",
        "<imagesSet><item><imageId>"
            + AMI
            + "</imageId><name>import-ami-1234567890abcdef0</name><imageState>available</imageState>"
            + "<imageOwnerId>123456789012</imageOwnerId><architecture>x86_64</architecture>"
            + "<creationDate>2026-01-01T00:00:00.000Z</creationDate></item></imagesSet>");

    S3DiskImport request =
        S3DiskImport.of(URI.create("s3://my-import-bucket/vms/my-server-vm.vmdk"), "vmdk")
            .withDescription("My server VM")
            .withKmsKey("alias/images");
    Image image = driver.importImage(request, operation("ImportImage", Duration.ofSeconds(30)));

    assertThat(image.nativeId()).isEqualTo(AMI);
    server.verify(
        postRequestedFor(urlPathEqualTo("/"))
            .withRequestBody(containing("Action=ImportImage&"))
            .withRequestBody(containing("DiskContainer.1.Format=VMDK"))
            .withRequestBody(containing("DiskContainer.1.UserBucket.S3Bucket=my-import-bucket"))
            .withRequestBody(containing("DiskContainer.1.UserBucket.S3Key=vms%2Fmy-server-vm.vmdk"))
            .withRequestBody(containing("Encrypted=true"))
            .withRequestBody(containing("KmsKeyId=alias%2Fimages"))
            .withRequestBody(containing("ClientToken=cloudimage-")));
    assertThat(progress)
        .extracting(Progress::message)
        .contains("active 28% converting", "completed 100% ");
  }

  @Test
  void importSnapshotPollsWithProgressAndAnswersTheSnapshot() {
    answer(
        "ImportSnapshot",
        "<description>My server VMDK</description><importTaskId>"
            + SNAPSHOT_TASK
            + "</importTaskId><snapshotTaskDetail><description>My server VMDK</description>"
            + "<diskImageSize>0.0</diskImageSize><format>VMDK</format><progress>3</progress>"
            + "<status>active</status><statusMessage>pending</statusMessage>"
            + "</snapshotTaskDetail>");
    poll(
        "DescribeImportSnapshotTasks",
        snapshotTask(
            "<progress>42</progress><status>active</status>"
                + "<statusMessage>downloading/converting</statusMessage>"),
        snapshotTask("<snapshotId>" + SNAP + "</snapshotId><status>completed</status>"));
    answer(
        "DescribeSnapshots",
        "<snapshotSet><item><snapshotId>"
            + SNAP
            + "</snapshotId><volumeId>vol-ffffffff</volumeId><status>completed</status>"
            + "<startTime>2026-01-01T00:00:00.000Z</startTime><progress>100%</progress>"
            + "<ownerId>123456789012</ownerId><volumeSize>1</volumeSize>"
            + "<description>My server VMDK</description><encrypted>false</encrypted>"
            + "</item></snapshotSet>");

    Snapshot snapshot =
        driver.importSnapshot(
            S3DiskImport.of(URI.create("s3://my-import-bucket/vms/my-server-vm.vmdk"), "VMDK")
                .withDescription("My server VMDK"),
            operation("ImportSnapshot", Duration.ofSeconds(30)));

    assertThat(snapshot.id()).isEqualTo(SNAP);
    server.verify(
        postRequestedFor(urlPathEqualTo("/"))
            .withRequestBody(containing("Action=ImportSnapshot&"))
            .withRequestBody(containing("DiskContainer.Format=VMDK"))
            .withRequestBody(containing("DiskContainer.UserBucket.S3Key=vms%2Fmy-server-vm.vmdk"))
            .withRequestBody(containing("ClientToken=cloudimage-")));
    assertThat(progress).extracting(Progress::done).contains(42L, 100L);
  }

  @Test
  void aFailedTaskIsAProviderErrorNamingEc2sMessage() {
    answer("ImportSnapshot", "<importTaskId>" + SNAPSHOT_TASK + "</importTaskId>");
    answer(
        "DescribeImportSnapshotTasks",
        snapshotTask(
            "<status>deleted</status>"
                + "<statusMessage>ClientError: Disk validation failed [Unsupported VMDK File Format]"
                + "</statusMessage>"));

    assertThatThrownBy(
            () ->
                driver.importSnapshot(
                    S3DiskImport.of(URI.create("s3://my-import-bucket/bad.vmdk"), "vmdk"),
                    operation("ImportSnapshot", Duration.ofSeconds(30))))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining(SNAPSHOT_TASK)
        .hasMessageContaining("Unsupported VMDK File Format");
  }

  @Test
  void aTaskStillRunningAtTheDeadlineTimesOutNamingItsLastState() {
    answer("ImportImage", "<importTaskId>" + IMAGE_TASK + "</importTaskId>");
    answer(
        "DescribeImportImageTasks",
        imageTask(
            "<progress>28</progress><status>active</status>"
                + "<statusMessage>converting</statusMessage>"));

    assertThatThrownBy(
            () ->
                driver.importImage(
                    S3DiskImport.of(URI.create("s3://my-import-bucket/vms/web.ova"), "ova"),
                    operation("ImportImage", Duration.ofMillis(800))))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("timed out")
        .hasMessageContaining("converting");
  }

  @Test
  void badImportsAreRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> S3DiskImport.of(URI.create("https://bucket/key.vmdk"), "vmdk"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("s3://BUCKET/KEY");
    assertThatThrownBy(() -> S3DiskImport.of(URI.create("s3://bucket/disk.qcow2"), "qcow2"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("qcow2");
    assertThatThrownBy(
            () ->
                driver.importSnapshot(
                    S3DiskImport.of(URI.create("s3://bucket/vm.ova"), "ova"),
                    operation("ImportSnapshot", Duration.ofSeconds(5))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ova");
    assertThat(server.getAllServeEvents()).isEmpty();
  }
}
