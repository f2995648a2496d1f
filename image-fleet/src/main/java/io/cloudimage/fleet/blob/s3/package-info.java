/**
 * The fleet's blob store in an S3 bucket, {@link io.cloudimage.fleet.blob.s3.S3BlobStore}: what a
 * cluster's workers share when they share no file system.
 */
@NullMarked
package io.cloudimage.fleet.blob.s3;

import org.jspecify.annotations.NullMarked;
