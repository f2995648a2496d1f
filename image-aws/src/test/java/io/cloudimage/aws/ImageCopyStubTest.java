package io.cloudimage.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.core.provider.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What CopyImage sends, against an HTTP stub answering in EC2's XML shape (the API reference's
 * response elements): the token as {@code ClientToken} and, in the same call, as the copy's tag.
 */
class ImageCopyStubTest {
  private static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
  private static final String SOURCE = "ami-0123456789abcdef0";
  private static final String COPY = "ami-0fedcba9876543210";
  private static final String TOKEN_FILTER = "tag%3Acloudimage%3Acopy-token";

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
            .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
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
        + "\"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>"
        + body
        + "</"
        + action
        + "Response>";
  }

  private static String copyImage(String tags) {
    return "<imagesSet><item><imageId>"
        + COPY
        + "</imageId><name>web-eu</name><imageState>pending</imageState>"
        + "<imageOwnerId>123456789012</imageOwnerId>"
        + "<creationDate>2026-01-01T00:00:00.000Z</creationDate><architecture>x86_64</architecture>"
        + "<rootDeviceName>/dev/xvda</rootDeviceName>"
        + tags
        + "</item></imagesSet>";
  }

  private static String tokenTag(String token) {
    return "<tagSet><item><key>cloudimage:copy-token</key><value>"
        + token
        + "</value></item></tagSet>";
  }

  private void answer(String action, String mustContain, String mustNotContain, String body) {
    server.stubFor(
        post(urlPathEqualTo("/"))
            .withRequestBody(containing("Action=" + action + "&"))
            .withRequestBody(containing(mustContain))
            .withRequestBody(notContaining(mustNotContain))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(ok(action, body))));
  }

  @Test
  void copyImageSendsTheTokenAsClientTokenAndAsTheCopysTagInOneCall() {
    // No earlier copy carries the token; the copy, once made, does.
    answer("DescribeImages", TOKEN_FILTER, "ImageId.1", "<imagesSet/>");
    answer("DescribeImages", "ImageId.1=" + COPY, TOKEN_FILTER, copyImage(tokenTag("run-7:web")));
    answer("CopyImage", "SourceImageId=" + SOURCE, "DryRun", "<imageId>" + COPY + "</imageId>");

    Image copy =
        provider.copyImage(
            CopyRequest.toRegion(SOURCE, "eu-west-1", "web-eu").withClientToken("run-7:web"));

    assertThat(copy.nativeId()).isEqualTo(COPY);
    server.verify(
        1,
        postRequestedFor(urlPathEqualTo("/"))
            .withRequestBody(containing("Action=CopyImage&"))
            .withRequestBody(containing("ClientToken=run-7%3Aweb"))
            .withRequestBody(containing("SourceRegion=us-east-1"))
            .withRequestBody(containing("Name=web-eu"))
            .withRequestBody(containing("TagSpecification.1.ResourceType=image"))
            .withRequestBody(containing("TagSpecification.1.Tag.1.Key=cloudimage%3Acopy-token"))
            .withRequestBody(containing("TagSpecification.1.Tag.1.Value=run-7%3Aweb")));
    // The endpoint applied the tag specification: no separate CreateTags.
    server.verify(
        0, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=CreateTags&")));
  }

  @Test
  void aCopyAlreadyCarryingTheTokenIsAnsweredWithoutCopyingAgain() {
    answer("DescribeImages", TOKEN_FILTER, "ImageId.1", copyImage(tokenTag("run-7:web")));
    answer("DescribeImages", "ImageId.1=" + COPY, TOKEN_FILTER, copyImage(tokenTag("run-7:web")));

    Image copy =
        provider.copyImage(
            CopyRequest.toRegion(SOURCE, "eu-west-1", "web-eu").withClientToken("run-7:web"));

    assertThat(copy.nativeId()).isEqualTo(COPY);
    server.verify(
        0, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=CopyImage&")));
  }
}
