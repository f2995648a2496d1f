/**
 * The Amazon Web Services provider of cloudimage: EC2 images and EBS snapshots through the AWS SDK
 * for Java 2, registered as the {@code aws} {@link io.cloudimage.core.client.ImageProviderFactory}.
 */
module io.cloudimage.aws {
  requires transitive io.cloudimage.core;
  // AWS types appear in AwsOptions (credentials) and in the block store's constructor.
  requires transitive software.amazon.awssdk.auth;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.identity.spi;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.services.autoscaling;
  requires software.amazon.awssdk.services.ebs;
  requires software.amazon.awssdk.services.ec2;
  requires software.amazon.awssdk.services.rbin;
  requires software.amazon.awssdk.services.sts;
  requires software.amazon.awssdk.utils;
  requires org.slf4j;

  exports io.cloudimage.aws;

  provides io.cloudimage.core.client.ImageProviderFactory with
      io.cloudimage.aws.AwsProviderFactory;
}
