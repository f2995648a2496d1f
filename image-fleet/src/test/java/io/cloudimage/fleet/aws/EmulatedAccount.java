package io.cloudimage.fleet.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * One account in one region of the AWS emulator, reached as the AWS SDK reaches it: through STS
 * AssumeRole of a role in the account, which is how the emulator tells accounts apart. Seeds
 * images, snapshots and instances there.
 */
final class EmulatedAccount implements AutoCloseable {
  static final StaticCredentialsProvider TESTING =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  final String account;
  final String region;
  final Ec2Client ec2;

  EmulatedAccount(URI endpoint, String account, String role, String region) {
    this.account = account;
    this.region = region;
    Credentials c;
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(TESTING)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      c = sts.assumeRole(r -> r.roleArn(role).roleSessionName("seed")).credentials();
    }
    this.ec2 =
        Ec2Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(
                        c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  /** An image registered from a new completed snapshot, tagged. */
  String image(String name, Tag... tags) {
    String volume = ec2.createVolume(r -> r.availabilityZone(region + "a").size(8)).volumeId();
    String snapshot = ec2.createSnapshot(r -> r.volumeId(volume).description("seed")).snapshotId();
    String id =
        ec2.registerImage(
                r ->
                    r.name(name)
                        .architecture("x86_64")
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

  /** A running instance of an image, which puts the image in use. */
  void instance(String imageId) {
    ec2.runInstances(r -> r.imageId(imageId).minCount(1).maxCount(1).instanceType("t3.micro"));
  }

  /** The ids of the account's images in the region. */
  java.util.Set<String> images() {
    java.util.Set<String> ids = new java.util.TreeSet<>();
    ec2.describeImages(r -> r.owners("self")).images().forEach(i -> ids.add(i.imageId()));
    return ids;
  }

  /** The ids of the account's snapshots in the region. */
  java.util.Set<String> snapshots() {
    java.util.Set<String> ids = new java.util.TreeSet<>();
    ec2.describeSnapshots(r -> r.ownerIds("self"))
        .snapshots()
        .forEach(s -> ids.add(s.snapshotId()));
    return ids;
  }

  /** The snapshot behind an image's root device. */
  String snapshotOf(String imageId) {
    return ec2.describeImages(r -> r.imageIds(imageId))
        .images()
        .get(0)
        .blockDeviceMappings()
        .get(0)
        .ebs()
        .snapshotId();
  }

  static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  @Override
  public void close() {
    ec2.close();
  }
}
