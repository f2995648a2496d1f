package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.testing.RequiredTools;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code fleet plan -o DIR} then {@code fleet apply --plans DIR} in process, as stored runs: the
 * shard list goes to the blob store as a page, the reports come back from it, and the summary keeps
 * its shape; with {@code --blobs s3://…} everything goes to a bucket of the AWS emulator.
 */
class FleetStoredRunCommandTest {
  private static final List<String> ACCOUNTS = LocalFleetFixture.ACCOUNTS;

  @TempDir Path dir;

  @Test
  void aPlannedAndAppliedFleetPassesItsShardsThroughTheBlobFolder() throws Exception {
    Path fleet = seedFleet();
    Path plans = dir.resolve("plans");
    CliRun plan =
        CliRun.of("--json", "fleet", "plan", "--fleet", fleet.toString(), "-o", plans.toString());
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertSummary(Output.tree(plan.out()), "PLANNED", 2);
    assertThat(blobsHolding(plans.resolve("blobs"), "\"heartbeatSeconds\""))
        .as("a page of shard tasks")
        .isNotEmpty();
    assertThat(plans.resolve("local-team-a-us-east-1.plan.json")).isRegularFile();

    CliRun apply = apply(plans);
    assertThat(apply.exitCode()).as(apply.err()).isZero();
    assertSummary(Output.tree(apply.out()), "APPLIED", 2);
    assertApplied();
  }

  @Test
  void withABucketThePlansGoToS3AndApplyFindsThemThroughThePlansFolder() throws Exception {
    URI endpoint = URI.create(RequiredTools.awsEndpoint());
    Path fleet = seedFleet();
    String bucket = "fleet-" + UUID.randomUUID().toString().substring(0, 8);
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    try (S3Client s3 = s3(endpoint)) {
      s3.createBucket(r -> r.bucket(bucket));
      Path plans = dir.resolve("plans");
      CliRun plan =
          CliRun.of(
              "--json",
              "fleet",
              "plan",
              "--fleet",
              fleet.toString(),
              "-o",
              plans.toString(),
              "--blobs",
              "s3://" + bucket + "/prod",
              "--blobs-region",
              "us-east-1",
              "--blobs-endpoint",
              endpoint.toString());
      assertThat(plan.exitCode()).as(plan.err()).isZero();
      assertSummary(Output.tree(plan.out()), "PLANNED", 2);
      assertThat(plans.resolve("blobs")).doesNotExist();
      List<String> keys =
          s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
              .map(S3Object::key)
              .toList();
      for (JsonNode s : Output.tree(plan.out()).path("shards")) {
        assertThat(keys).contains("prod/sha256/" + s.path("plan").asText());
      }

      // The plans folder notes the bucket: apply needs no --blobs.
      CliRun apply = apply(plans);
      assertThat(apply.exitCode()).as(apply.err()).isZero();
      assertSummary(Output.tree(apply.out()), "APPLIED", 2);
      assertApplied();
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void aBlobStoreThatIsNeitherAFolderNorABucketIsBadInput() throws Exception {
    Path fleet = seedFleet();
    CliRun plan =
        CliRun.of("fleet", "plan", "--fleet", fleet.toString(), "--blobs", "ftp://host/blobs");
    assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(plan.err()).contains("s3://BUCKET/PREFIX");
  }

  private CliRun apply(Path plans) {
    return CliRun.of(
        "--json",
        "fleet",
        "apply",
        "--plans",
        plans.toString(),
        "--journal",
        dir.resolve("journals").toString(),
        "--yes");
  }

  private static void assertSummary(JsonNode summary, String status, int actions) {
    assertThat(summary.path("fleet").asText()).isEqualTo("stored");
    assertThat(summary.path("monthlySaving").isMissingNode()).isFalse();
    assertThat(summary.path("shards")).hasSize(ACCOUNTS.size());
    for (JsonNode s : summary.path("shards")) {
      assertThat(s.fieldNames())
          .toIterable()
          .contains("provider", "account", "region", "actions", "monthlySaving", "status", "error");
      assertThat(s.path("status").asText()).as(s.toString()).isEqualTo(status);
      assertThat(s.path("actions").asInt()).isEqualTo(actions);
    }
    assertThat(summary.path("shards"))
        .extracting(s -> s.path("account").asText())
        .containsExactlyElementsOf(ACCOUNTS);
  }

  private void assertApplied() {
    for (String account : ACCOUNTS) {
      try (LocalProvider local = LocalProvider.builder().home(home(account)).build()) {
        assertThat(local.images().map(Image::name).toList()).containsExactly("keep-me");
      }
      Path journal = dir.resolve("journals").resolve("local").resolve(account).resolve("us-east-1");
      assertThat(Journal.verify(journal).valid()).isTrue();
    }
  }

  private static List<Path> blobsHolding(Path store, String text) throws IOException {
    try (Stream<Path> files = Files.walk(store)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              f -> {
                try {
                  return Files.readString(f).contains(text);
                } catch (IOException e) {
                  return false;
                }
              })
          .toList();
    }
  }

  private Path home(String account) {
    return dir.resolve("homes").resolve(account).resolve("us-east-1");
  }

  private Path seedFleet() throws IOException {
    return LocalFleetFixture.seed(dir, "stored", "");
  }

  private static S3Client s3(URI endpoint) {
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
