package io.cloudimage.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.provider.CopyRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * CopyImage sent again under the same token answers with the first copy, against the emulator over
 * HTTP. The emulator ignores {@code ClientToken} and the call's tag specification, so these tests
 * pin the token tag the driver also puts on the copy and looks for before copying.
 */
class ImageCopyEmulatorTest {
  private static final String EU = "eu-west-1";

  private Emulator aws;
  private ImageProvider provider;

  @BeforeEach
  void open() {
    aws = Emulator.fresh();
    provider = AwsProviderFactory.open(aws.config(), aws.options);
  }

  @AfterEach
  void close() {
    if (provider != null) {
      provider.close();
    }
    if (aws != null) {
      aws.close();
    }
  }

  private List<software.amazon.awssdk.services.ec2.model.Image> named(String name) {
    try (Ec2Client eu = aws.ec2(EU)) {
      return eu.describeImages(r -> r.owners("self").filters(AwsCalls.filter("name", name)))
          .images();
    }
  }

  @Test
  void theSameTokenSentAgainAnswersWithTheFirstCopyAndMakesNoSecond() {
    String source = aws.image("web");
    CopyRequest request = CopyRequest.toRegion(source, EU, "web-eu").withClientToken("run-7:web");

    Image first = provider.copyImage(request);
    Image again = provider.copyImage(request);

    assertThat(again.nativeId()).isEqualTo(first.nativeId());
    assertThat(first.id().region()).isEqualTo(EU);
    assertThat(named("web-eu")).hasSize(1);
    assertThat(named("web-eu").get(0).tags())
        .anySatisfy(
            t -> {
              assertThat(t.key()).isEqualTo(ImageCreation.COPY_TOKEN_TAG);
              assertThat(t.value()).isEqualTo("run-7:web");
            });
  }

  @Test
  void anotherTokenIsAnotherCopy() {
    String source = aws.image("web");

    Image first =
        provider.copyImage(CopyRequest.toRegion(source, EU, "web-a").withClientToken("a"));
    Image second =
        provider.copyImage(CopyRequest.toRegion(source, EU, "web-b").withClientToken("b"));

    assertThat(second.nativeId()).isNotEqualTo(first.nativeId());
  }

  @Test
  void withoutATokenTheSameRequestDerivesTheSameOneAndIsCopiedOnce() {
    String source = aws.image("web");
    CopyRequest request = CopyRequest.toRegion(source, EU, "web-derived");

    Image first = provider.copyImage(request);
    Image again = provider.copyImage(request);

    assertThat(again.nativeId()).isEqualTo(first.nativeId());
    assertThat(named("web-derived")).hasSize(1);
  }

  @Test
  void aCopyWhoseSourceCarriesACreationTokenKeepsItsOwnCopyToken() {
    String source =
        aws.image("made", Emulator.tag("cloudimage:client-token", "cloudimage-creation-token"));

    Image first = provider.copyImage(CopyRequest.toRegion(source, EU, "made-eu"));
    Image again = provider.copyImage(CopyRequest.toRegion(source, EU, "made-eu"));

    assertThat(again.nativeId()).isEqualTo(first.nativeId());
    assertThat(first.nativeId()).isNotEqualTo(source);
  }
}
