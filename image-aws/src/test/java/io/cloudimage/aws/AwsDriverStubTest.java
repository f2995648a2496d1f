package io.cloudimage.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.AccessDeniedException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.ProviderUnavailableException;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.provider.ExportRequest;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.core.provider.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operations the emulator lacks, against an HTTP stub answering as the EC2 and Recycle Bin API
 * references document (their sample responses where they give one, else their documented response
 * elements), and fault injection through the real client: throttling, server errors, rejected
 * credentials and refused permissions.
 */
class AwsDriverStubTest {
  private static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
  private static final String AMI = "ami-0123456789abcdef0";
  private static final String SNAP = "snap-0123456789abcdef0";

  private WireMockServer server;
  private ImageProvider provider;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    ProviderConfig config =
        ProviderConfig.builder()
            .region("us-east-1")
            .endpoint(URI.create(server.baseUrl()))
            .callTimeout(Duration.ofSeconds(20))
            .retryPolicy(
                RetryPolicy.builder()
                    .maxAttempts(4)
                    .baseDelay(Duration.ofMillis(10))
                    .maxDelay(Duration.ofMillis(50))
                    .build())
            .build();
    provider = AwsProviderFactory.open(config, AwsOptions.DEFAULTS.withCredentials(Emulator.KEYS));
  }

  @AfterEach
  void stop() {
    provider.close();
    server.stop();
  }

  private static String ok(String action, String body) {
    return "<"
        + action
        + "Response xmlns=\""
        + NS
        + "\">"
        + "<requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>"
        + body
        + "</"
        + action
        + "Response>";
  }

  private static String error(String code, String message) {
    return "<Response><Errors><Error><Code>"
        + code
        + "</Code><Message>"
        + message
        + "</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID>"
        + "</Response>";
  }

  private void answer(String action, String body) {
    server.stubFor(
        post(urlPathEqualTo("/"))
            .withRequestBody(containing("Action=" + action + "&"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(ok(action, body))));
  }

  /** Auto Scaling answers DescribeLaunchConfigurations with none (its own query namespace). */
  private void noLaunchConfigurations() {
    server.stubFor(
        post(urlPathEqualTo("/"))
            .withRequestBody(containing("Action=DescribeLaunchConfigurations&"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<DescribeLaunchConfigurationsResponse"
                            + " xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">"
                            + "<DescribeLaunchConfigurationsResult><LaunchConfigurations/>"
                            + "</DescribeLaunchConfigurationsResult><ResponseMetadata>"
                            + "<RequestId>7c6e177f-f082-11e1-ac58-3714bEXAMPLE</RequestId>"
                            + "</ResponseMetadata></DescribeLaunchConfigurationsResponse>")));
  }

  private void sent(String action, String... parts) {
    var pattern =
        postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    for (String p : parts) {
      pattern = pattern.withRequestBody(containing(p));
    }
    server.verify(1, pattern);
  }

  private static String image(String extra) {
    return "<imagesSet><item><imageId>"
        + AMI
        + "</imageId><name>web-1</name>"
        + "<imageState>available</imageState><imageOwnerId>123456789012</imageOwnerId>"
        + "<creationDate>2026-01-01T00:00:00.000Z</creationDate><architecture>x86_64</architecture>"
        + "<rootDeviceName>/dev/xvda</rootDeviceName><blockDeviceMapping><item>"
        + "<deviceName>/dev/xvda</deviceName><ebs><snapshotId>"
        + SNAP
        + "</snapshotId>"
        + "<volumeSize>100</volumeSize><volumeType>gp3</volumeType><encrypted>false</encrypted>"
        + "</ebs></item></blockDeviceMapping>"
        + extra
        + "</item></imagesSet>";
  }

  @Test
  void plansOnThisProviderArePricedWithTheAwsBookNotTheLocalOne() {
    var archive = provider.tierPrices().profile(StorageTier.ARCHIVE);

    assertThat(archive.pricePerGbMonth().currency().getCurrencyCode()).isEqualTo("USD");
    assertThat(archive.pricePerGbMonth().amount()).isEqualByComparingTo("0.0125");
  }

  // ---- operations the emulator does not implement ----

  @Test
  void deprecationIsEnabledAtTheInstantAndCancelled() {
    answer("EnableImageDeprecation", "<return>true</return>");
    answer("DisableImageDeprecation", "<return>true</return>");

    provider.deprecate(AMI, Instant.parse("2027-06-15T13:17:00Z"));
    provider.undeprecate(AMI);

    sent("EnableImageDeprecation", "ImageId=" + AMI, "DeprecateAt=2027-06-15T13%3A17%3A00Z");
    sent("DisableImageDeprecation", "ImageId=" + AMI);
  }

  @Test
  void deregistrationProtectionAndDisablingAreSent() {
    answer("EnableImageDeregistrationProtection", "<return>enabled</return>");
    answer("DisableImageDeregistrationProtection", "<return>disabled</return>");
    answer("DisableImage", "<return>true</return>");
    answer("EnableImage", "<return>true</return>");

    provider.protect(AMI);
    provider.unprotect(AMI);
    provider.disable(AMI);
    provider.enable(AMI);

    sent("EnableImageDeregistrationProtection", "ImageId=" + AMI);
    sent("DisableImageDeregistrationProtection", "ImageId=" + AMI);
    sent("DisableImage", "ImageId=" + AMI);
    sent("EnableImage", "ImageId=" + AMI);
  }

  @Test
  void aProtectedImageIsSeenAsProtectedAndIsNotDeregistered() {
    answer(
        "DescribeImages",
        image(
            "<deregistrationProtection>enabled-with-cooldown</deregistrationProtection>"
                + "<deprecationTime>2027-01-01T00:00:00.000Z</deprecationTime>"
                + "<lastLaunchedTime>2026-05-01T00:00:00Z</lastLaunchedTime>"));
    answer("DescribeInstances", "<reservationSet/>");
    answer("DescribeLaunchTemplates", "<launchTemplates/>");
    noLaunchConfigurations();
    answer("DescribeImageAttribute", "<imageId>" + AMI + "</imageId><launchPermission/>");

    var image = provider.describe(AMI);
    assertThat(image.usage().deregistrationProtected()).isTrue();
    assertThat(image.deprecation()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(image.usage().lastLaunched()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
    assertThat(image.storage().sizeBytes()).isEqualTo(100L << 30);

    assertThatThrownBy(
            () ->
                provider.deregister(
                    AMI, io.cloudimage.core.provider.DeregisterOptions.KEEP_SNAPSHOTS))
        .isInstanceOf(io.cloudimage.core.error.ConflictException.class)
        .hasMessageContaining("deregistration protection");
    server.verify(
        0,
        postRequestedFor(urlPathEqualTo("/"))
            .withRequestBody(containing("Action=DeregisterImage&")));
  }

  @Test
  void snapshotsAreArchivedRestoredForDaysAndRestoredPermanently() {
    answer(
        "ModifySnapshotTier",
        "<snapshotId>"
            + SNAP
            + "</snapshotId><tieringStartTime>2026-12-01T00:00:00.000Z"
            + "</tieringStartTime>");
    answer(
        "RestoreSnapshotTier",
        "<snapshotId>"
            + SNAP
            + "</snapshotId><restoreStartTime>2026-12-01T00:00:00.000Z"
            + "</restoreStartTime><isPermanentRestore>false</isPermanentRestore>");

    provider.moveTier(SNAP, StorageTier.ARCHIVE);
    provider.restoreTier(SNAP, Duration.ofHours(49));
    provider.moveTier(SNAP, StorageTier.HOT);

    sent("ModifySnapshotTier", "SnapshotId=" + SNAP, "StorageTier=archive");
    sent("RestoreSnapshotTier", "SnapshotId=" + SNAP, "TemporaryRestoreDays=3");
    sent("RestoreSnapshotTier", "SnapshotId=" + SNAP, "PermanentRestore=true");
    assertThatThrownBy(() -> provider.moveTier(AMI, StorageTier.ARCHIVE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("snapshots, not images");
    assertThatThrownBy(() -> provider.moveTier(SNAP, StorageTier.COLD))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void exportGoesToS3AsADiskImageOrAStoredAmiWithinTheSizeLimits() {
    answer("DescribeImages", image(""));
    answer(
        "ExportImage",
        "<exportImageTaskId>export-ami-1234567890abcdef0</exportImageTaskId>"
            + "<diskImageFormat>VMDK</diskImageFormat><status>active</status>");
    answer("CreateStoreImageTask", "<objectKey>" + AMI + ".bin</objectKey>");

    provider.exportImage(new ExportRequest(AMI, URI.create("s3://exports/images/"), "vmdk"));
    provider.exportImage(new ExportRequest(AMI, URI.create("s3://amis"), "ami"));

    sent(
        "ExportImage",
        "ImageId=" + AMI,
        "DiskImageFormat=VMDK",
        "S3ExportLocation.S3Bucket=exports",
        "S3ExportLocation.S3Prefix=images%2F",
        "ClientToken=");
    sent("CreateStoreImageTask", "ImageId=" + AMI, "Bucket=amis");
    assertThatThrownBy(
            () -> provider.exportImage(new ExportRequest(AMI, URI.create("file:/tmp/x"), "raw")))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void anImageTooLargeToExportIsRefusedBeforeCalling() {
    answer("DescribeImages", image("").replace("<volumeSize>100<", "<volumeSize>2000<"));
    assertThatThrownBy(
            () -> provider.exportImage(new ExportRequest(AMI, URI.create("s3://b/p"), "raw")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("2000 GiB");
    server.verify(
        0,
        postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=ExportImage&")));
  }

  @Test
  void aRecycleBinRuleMatchingTheSnapshotsTagsMakesItsDeletionRecoverable() {
    answer(
        "DescribeSnapshots",
        "<snapshotSet><item><snapshotId>"
            + SNAP
            + "</snapshotId><volumeId>vol-1</volumeId>"
            + "<status>completed</status><startTime>2026-01-01T00:00:00.000Z</startTime>"
            + "<volumeSize>8</volumeSize><ownerId>123456789012</ownerId>"
            + "<encrypted>false</encrypted><tagSet><item><key>env</key><value>prod</value></item>"
            + "</tagSet></item></snapshotSet>");
    server.stubFor(
        post(urlPathEqualTo("/list-rules"))
            .willReturn(
                okJson(
                    "{\"Rules\":[{\"Identifier\":\"rule-prod\",\"RetentionPeriod\":{\"RetentionPeriodValue\":"
                        + "14,\"RetentionPeriodUnit\":\"DAYS\"},\"LockState\":\"unlocked\"},"
                        + "{\"Identifier\":\"rule-dev\",\"RetentionPeriod\":{\"RetentionPeriodValue\":30,"
                        + "\"RetentionPeriodUnit\":\"DAYS\"}}]}")));
    server.stubFor(
        get(urlPathEqualTo("/rules/rule-prod"))
            .willReturn(
                okJson(
                    "{\"Identifier\":\"rule-prod\",\"ResourceType\":\"EBS_SNAPSHOT\",\"RetentionPeriod\":"
                        + "{\"RetentionPeriodValue\":14,\"RetentionPeriodUnit\":\"DAYS\"},\"ResourceTags\":"
                        + "[{\"ResourceTagKey\":\"env\",\"ResourceTagValue\":\"prod\"}],\"Status\":\"available\"}")));
    server.stubFor(
        get(urlPathEqualTo("/rules/rule-dev"))
            .willReturn(
                okJson(
                    "{\"Identifier\":\"rule-dev\",\"ResourceType\":\"EBS_SNAPSHOT\",\"RetentionPeriod\":"
                        + "{\"RetentionPeriodValue\":30,\"RetentionPeriodUnit\":\"DAYS\"},\"ResourceTags\":"
                        + "[{\"ResourceTagKey\":\"env\",\"ResourceTagValue\":\"dev\"}],\"Status\":\"available\"}")));

    assertThat(provider.recoveryWindow(SNAP)).isEqualTo(Optional.of(Duration.ofDays(14)));
  }

  @Test
  void listingFollowsThePagingTokenOnePageAtATimeAndStopsWhenTheCallerDoes() {
    String second = AMI.replace("f0", "f1");
    server.stubFor(
        post(urlPathEqualTo("/"))
            .withRequestBody(containing("Action=DescribeImages&"))
            .withRequestBody(notContaining("NextToken"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(ok("DescribeImages", image("") + "<nextToken>page-2</nextToken>"))));
    server.stubFor(
        post(urlPathEqualTo("/"))
            .withRequestBody(containing("Action=DescribeImages&"))
            .withRequestBody(containing("NextToken=page-2"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(ok("DescribeImages", image("").replace(AMI, second)))));
    answer("DescribeInstances", "<reservationSet/>");
    answer("DescribeLaunchTemplates", "<launchTemplates/>");
    noLaunchConfigurations();
    answer("DescribeImageAttribute", "<imageId>" + AMI + "</imageId><launchPermission/>");

    assertThat(provider.images().findFirst().orElseThrow().nativeId()).isEqualTo(AMI);
    server.verify(
        1,
        postRequestedFor(urlPathEqualTo("/"))
            .withRequestBody(containing("Action=DescribeImages&")));

    assertThat(provider.images().map(i -> i.nativeId()).toList()).containsExactly(AMI, second);
    server.verify(
        1, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("NextToken=page-2")));
  }

  // ---- faults through the real client ----

  @Test
  void throttlingIsRetriedHonouringRetryAfterAndTheListingCompletes() {
    server.stubFor(
        post(urlPathEqualTo("/"))
            .inScenario("throttle")
            .whenScenarioStateIs(Scenario.STARTED)
            .withRequestBody(containing("Action=DescribeImages&"))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Retry-After", "0")
                    .withBody(error("RequestLimitExceeded", "Request limit exceeded.")))
            .willSetStateTo("calm"));
    server.stubFor(
        post(urlPathEqualTo("/"))
            .inScenario("throttle")
            .whenScenarioStateIs("calm")
            .withRequestBody(containing("Action=DescribeImages&"))
            .willReturn(aResponse().withStatus(200).withBody(ok("DescribeImages", image("")))));
    answer("DescribeInstances", "<reservationSet/>");
    answer("DescribeLaunchTemplates", "<launchTemplates/>");
    noLaunchConfigurations();
    answer("DescribeImageAttribute", "<imageId>" + AMI + "</imageId><launchPermission/>");

    assertThat(provider.images().toList())
        .singleElement()
        .satisfies(i -> assertThat(i.nativeId()).isEqualTo(AMI));
    assertThat(provider.metrics().operation("ListImages").retries()).isEqualTo(1);
  }

  @Test
  void aServerErrorOnADescribeIsRetriedAndRecovers() {
    server.stubFor(
        post(urlPathEqualTo("/"))
            .inScenario("5xx")
            .whenScenarioStateIs(Scenario.STARTED)
            .withRequestBody(containing("Action=DescribeSnapshots&"))
            .willReturn(aResponse().withStatus(500).withBody(error("InternalError", "oops")))
            .willSetStateTo("up"));
    server.stubFor(
        post(urlPathEqualTo("/"))
            .inScenario("5xx")
            .whenScenarioStateIs("up")
            .withRequestBody(containing("Action=DescribeSnapshots&"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        ok(
                            "DescribeSnapshots",
                            "<snapshotSet><item><snapshotId>"
                                + SNAP
                                + "</snapshotId><status>completed</status>"
                                + "<startTime>2026-01-01T00:00:00.000Z</startTime><volumeSize>8</volumeSize>"
                                + "<storageTier>archive</storageTier></item></snapshotSet>"))));

    assertThat(provider.describeSnapshot(SNAP).tier()).isEqualTo(StorageTier.ARCHIVE);
    assertThat(provider.metrics().operation("DescribeSnapshot").retries()).isEqualTo(1);
  }

  @Test
  void aServerErrorThatPersistsIsProviderUnavailableWithTheCode() {
    server.stubFor(
        post(urlPathEqualTo("/"))
            .willReturn(aResponse().withStatus(503).withBody(error("Unavailable", "down"))));
    assertThatThrownBy(() -> provider.describeSnapshot(SNAP))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("Unavailable");
              assertThat(e.retryable()).isTrue();
            });
  }

  @Test
  void rejectedCredentialsSaySoAndWhereTheyCameFrom() {
    server.stubFor(
        post(urlPathEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody(
                        error(
                            "AuthFailure",
                            "AWS was not able to validate the provided access credentials"))));
    assertThatThrownBy(() -> provider.describe(AMI))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("credentials rejected")
        .hasMessageContaining("the credentials the application passed")
        .hasMessageNotContaining("testing");
  }

  @Test
  void aRefusedCallNamesTheMissingPermission() {
    server.stubFor(
        post(urlPathEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody(
                        error(
                            "UnauthorizedOperation",
                            "You are not authorized to perform this operation."))));
    assertThatThrownBy(() -> provider.deprecate(AMI, Instant.parse("2027-01-01T00:00:00Z")))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e -> {
              assertThat(e.getMessage()).contains("ec2:EnableImageDeprecation");
              assertThat(e.errorCode()).isEqualTo("UnauthorizedOperation");
              assertThat(e.requestId()).isEqualTo("ea966190-f9aa-478e-9ede-example");
            });
  }
}
