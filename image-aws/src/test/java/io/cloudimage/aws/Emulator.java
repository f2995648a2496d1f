package io.cloudimage.aws;

import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.core.provider.RetryPolicy;
import io.cloudimage.core.testing.RequiredTools;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * One fresh account in the local AWS emulator per test: the driver reaches it through STS
 * AssumeRole (so every test also exercises the role option), and the seeder makes images, snapshots
 * and instances there through the SDK itself.
 */
final class Emulator implements AutoCloseable {
  static final String REGION = "us-east-1";

  /** The emulator's keys, as the application gives them. */
  static final AwsKeys KEYS = AwsKeys.of("testing", "testing");

  static final StaticCredentialsProvider TESTING =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  final URI endpoint;
  final String account;
  final AwsOptions options;
  final Ec2Client ec2;
  final StaticCredentialsProvider seedCredentials;

  private Emulator(URI endpoint, String account) {
    this.endpoint = endpoint;
    this.account = account;
    String role = "arn:aws:iam::" + account + ":role/cloudimage-test";
    this.options = AwsOptions.DEFAULTS.withCredentials(KEYS).assumeRole(role, null, "tests");
    Credentials c;
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(REGION))
            .credentialsProvider(TESTING)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      c = sts.assumeRole(r -> r.roleArn(role).roleSessionName("seed")).credentials();
    }
    this.seedCredentials =
        StaticCredentialsProvider.create(
            AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    this.ec2 = ec2(REGION);
  }

  /** An EC2 client of this account in a region, for seeding and checking; the caller closes it. */
  Ec2Client ec2(String region) {
    return Ec2Client.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(seedCredentials)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** An Auto Scaling client of this account, for seeding; the caller closes it. */
  AutoScalingClient autoScaling() {
    return AutoScalingClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .credentialsProvider(seedCredentials)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** The role the driver assumes to reach this account. */
  String role() {
    return "arn:aws:iam::" + account + ":role/cloudimage-test";
  }

  /** A fresh account; skips the test (fails it in CI) when the emulator is not configured. */
  static Emulator fresh() {
    URI endpoint = URI.create(RequiredTools.awsEndpoint());
    String account =
        String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
    return new Emulator(endpoint, account);
  }

  ProviderConfig config() {
    return ProviderConfig.builder()
        .region(REGION)
        .endpoint(endpoint)
        .callTimeout(Duration.ofSeconds(30))
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).baseDelay(Duration.ofMillis(10)).build())
        .build();
  }

  AwsDriver driver() {
    return new AwsDriver(config(), options);
  }

  /** A completed snapshot of a new volume. */
  String snapshot(int gib) {
    String volume = ec2.createVolume(r -> r.availabilityZone(REGION + "a").size(gib)).volumeId();
    return ec2.createSnapshot(r -> r.volumeId(volume).description("seed")).snapshotId();
  }

  /** An image registered from a new snapshot, tagged. */
  String image(String name, Tag... tags) {
    return image(name, "x86_64", snapshot(8), tags);
  }

  /** An image registered from a snapshot, tagged. */
  String image(String name, String arch, String snapshot, Tag... tags) {
    String id =
        ec2.registerImage(
                r ->
                    r.name(name)
                        .architecture(arch)
                        .rootDeviceName("/dev/xvda")
                        .virtualizationType("hvm")
                        .blockDeviceMappings(
                            BlockDeviceMapping.builder()
                                .deviceName("/dev/xvda")
                                .ebs(e -> e.snapshotId(snapshot).volumeSize(8))
                                .build()))
            .imageId();
    if (tags.length > 0) {
      ec2.createTags(r -> r.resources(id).tags(tags));
    }
    return id;
  }

  /** A running instance of an image. */
  String instance(String imageId) {
    return ec2.runInstances(
            r -> r.imageId(imageId).minCount(1).maxCount(1).instanceType("t3.micro"))
        .instances()
        .get(0)
        .instanceId();
  }

  static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  static TagSpecification imageTags(Tag... tags) {
    return TagSpecification.builder().resourceType(ResourceType.IMAGE).tags(List.of(tags)).build();
  }

  @Override
  public void close() {
    ec2.close();
  }
}
