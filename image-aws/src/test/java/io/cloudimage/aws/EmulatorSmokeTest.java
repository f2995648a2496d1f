package io.cloudimage.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.testing.RequiredTools;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;
import software.amazon.awssdk.services.ec2.model.Region;

/** Proves the path every AWS test takes: the real SDK, over HTTP, to the local emulator. */
class EmulatorSmokeTest {

  @Test
  void describeRegionsAnswersOverHttpFromTheEmulator() {
    URI endpoint = URI.create(RequiredTools.awsEndpoint());
    try (Ec2Client ec2 =
        Ec2Client.builder()
            .endpointOverride(endpoint)
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      DescribeRegionsResponse response = ec2.describeRegions();
      assertThat(response.regions())
          .extracting(Region::regionName)
          .contains("us-east-1", "eu-west-1");
      assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(200);
    }
  }
}
