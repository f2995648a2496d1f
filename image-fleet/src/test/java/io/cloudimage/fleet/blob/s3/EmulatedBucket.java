package io.cloudimage.fleet.blob.s3;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Buckets of the AWS emulator, reached with the SDK as a test's own view of them. */
public final class EmulatedBucket {
  private EmulatedBucket() {}

  /** A new, empty bucket; returns its name. */
  public static String create(URI endpoint) {
    String name = "blobs-" + UUID.randomUUID().toString().substring(0, 12);
    try (S3Client s3 = client(endpoint)) {
      s3.createBucket(r -> r.bucket(name));
    }
    return name;
  }

  /** Every key in the bucket. */
  public static List<String> keys(URI endpoint, String bucket) {
    try (S3Client s3 = client(endpoint)) {
      return s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
          .map(S3Object::key)
          .sorted()
          .toList();
    }
  }

  /** Replaces an object's bytes behind the store's back. */
  static void overwrite(URI endpoint, String bucket, String key, RequestBody body) {
    try (S3Client s3 = client(endpoint)) {
      s3.putObject(r -> r.bucket(bucket).key(key), body);
    }
  }

  private static S3Client client(URI endpoint) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
