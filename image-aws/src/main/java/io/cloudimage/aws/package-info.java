/**
 * The Amazon Web Services provider: EC2 images (AMIs) and EBS snapshots through the AWS SDK for
 * Java 2, opened as {@code Providers.open("aws", config)} or directly with {@link
 * io.cloudimage.aws.AwsDriver}; EBS direct block access through {@link
 * io.cloudimage.aws.EbsBlockStore}.
 */
@NullMarked
package io.cloudimage.aws;

import org.jspecify.annotations.NullMarked;
