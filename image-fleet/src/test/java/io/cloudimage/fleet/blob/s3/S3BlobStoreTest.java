package io.cloudimage.fleet.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CorruptDataException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.testing.RequiredTools;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** The blob store in a bucket of the AWS emulator, over HTTP as against S3. */
class S3BlobStoreTest {
  private static URI endpoint = URI.create("http://unset");

  @TempDir Path dir;

  private String bucket = "";

  @BeforeAll
  static void credentials() {
    endpoint = URI.create(RequiredTools.awsEndpoint());
    // The emulator takes any key; the SDK's default chain reads these system properties first.
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
  }

  @AfterAll
  static void forget() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @BeforeEach
  void freshBucket() {
    bucket = EmulatedBucket.create(endpoint);
  }

  private S3BlobStore store(String cache) {
    return S3BlobStore.builder()
        .location(URI.create("s3://" + bucket + "/fleets/prod"))
        .region("us-east-1")
        .endpoint(endpoint)
        .cache(dir.resolve(cache))
        .build();
  }

  @Test
  void whatIsPutComesBackByItsDigestUnderThePrefix() throws Exception {
    String digest;
    try (S3BlobStore writer = store("writer")) {
      digest = writer.put(out -> out.write("plan: one\n".getBytes(StandardCharsets.UTF_8)));
    }
    assertThat(digest).matches("[0-9a-f]{64}");
    assertThat(EmulatedBucket.keys(endpoint, bucket))
        .containsExactly("fleets/prod/sha256/" + digest);
    // Another worker, with nothing cached, reads the bucket.
    try (S3BlobStore reader = store("reader")) {
      Path copy = reader.get(digest);
      assertThat(copy).startsWith(dir.resolve("reader"));
      assertThat(Files.readString(copy)).isEqualTo("plan: one\n");
      reader.verify(digest);
    }
  }

  @Test
  void puttingTheSameContentTwiceWritesOneObject() throws Exception {
    Path file = dir.resolve("inventory.json");
    Files.writeString(file, "{\"images\":[]}");
    try (S3BlobStore a = store("a");
        S3BlobStore b = store("b")) {
      String first = a.putFile(file);
      String again = a.putFile(file);
      String elsewhere = b.putFile(file);
      assertThat(again).isEqualTo(first);
      assertThat(elsewhere).isEqualTo(first);
    }
    assertThat(EmulatedBucket.keys(endpoint, bucket)).hasSize(1);
  }

  @Test
  void anObjectChangedInTheBucketIsRefusedNamingItsKey() {
    String digest;
    try (S3BlobStore writer = store("writer")) {
      digest = writer.put(out -> out.write("plan: two\n".getBytes(StandardCharsets.UTF_8)));
      String key = "fleets/prod/sha256/" + digest;
      EmulatedBucket.overwrite(endpoint, bucket, key, RequestBody.fromString("plan: evil\n"));

      // The writer's cached copy is no excuse: verify reads the bucket.
      assertThatThrownBy(() -> writer.verify(digest))
          .isInstanceOf(CorruptDataException.class)
          .hasMessageContaining("s3://" + bucket + "/" + key);
    }
    try (S3BlobStore reader = store("reader")) {
      assertThatThrownBy(() -> reader.get(digest))
          .isInstanceOf(CorruptDataException.class)
          .hasMessageContaining("s3://" + bucket + "/fleets/prod/sha256/" + digest);
      // Nothing refused stays in the cache.
      assertThat(dir.resolve("reader").resolve("sha256").resolve(digest)).doesNotExist();
    }
  }

  @Test
  void aMissingBlobIsNotFoundNamingItsKey() {
    String digest = "ab".repeat(32);
    try (S3BlobStore reader = store("reader")) {
      assertThatThrownBy(() -> reader.get(digest))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("s3://" + bucket + "/fleets/prod/sha256/" + digest);
      assertThatThrownBy(() -> reader.verify(digest)).isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> reader.get("not-a-digest"))
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  void aMissingBucketIsNotFound() {
    try (S3BlobStore nowhere =
        S3BlobStore.builder()
            .bucket("no-such-bucket-" + UUID.randomUUID())
            .endpoint(endpoint)
            .region("us-east-1")
            .build()) {
      assertThatThrownBy(() -> nowhere.put(out -> out.write(1)))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("bucket");
    }
  }

  @Test
  void aLocationIsAnS3UriWithABucket() {
    assertThatThrownBy(() -> S3BlobStore.builder().location(URI.create("https://x/y")))
        .isInstanceOf(InvalidInputException.class);
    try (S3BlobStore s =
        S3BlobStore.builder()
            .location(URI.create("s3://fleet-blobs"))
            .endpoint(endpoint)
            .region("us-east-1")
            .build()) {
      assertThat(s.location()).isEqualTo(URI.create("s3://fleet-blobs/"));
      assertThat(s.key("00".repeat(32))).isEqualTo("sha256/" + "00".repeat(32));
    }
  }
}
