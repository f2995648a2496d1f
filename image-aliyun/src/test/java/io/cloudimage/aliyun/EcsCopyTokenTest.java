package io.cloudimage.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.provider.CopyRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ECS CopyImage has no {@code ClientToken}: the copy carries its token as a tag set in the same
 * call, and a repeated request finds it instead of copying twice. Against the signature-checking
 * stateful ECS endpoint.
 */
class EcsCopyTokenTest {
  private static final String REGION = EcsFlowTest.REGION;
  private static final String TARGET = EcsFlowTest.TARGET;

  private LocalEcsEndpoint ecs;
  private AliyunProvider provider;

  @BeforeEach
  void start() throws Exception {
    ecs = LocalEcsEndpoint.start();
    provider = AliyunProviderTest.open(ecs, LocalEcsEndpoint.SECRET, 4);
  }

  @AfterEach
  void stop() {
    provider.close();
    ecs.close();
  }

  @Test
  void theTokenIsSentAsTheCopysTagInTheCopyCall() {
    LocalEcsEndpoint.FakeImage a = ecs.addImage(REGION, "a");

    Image copy =
        provider.copyImage(CopyRequest.toRegion(a.id, TARGET, "a-sh").withClientToken("run-7:a"));

    assertThat(ecs.copyCalls())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .containsEntry("Tag.1.Key", "cloudimage:copy-token")
                    .containsEntry("Tag.1.Value", "run-7:a")
                    .containsEntry("DestinationRegionId", TARGET));
    assertThat(ecs.image(copy.nativeId()).tags).containsEntry("cloudimage:copy-token", "run-7:a");
  }

  @Test
  void theSameTokenSentAgainAnswersWithTheFirstCopyAndMakesNoSecond() {
    LocalEcsEndpoint.FakeImage a = ecs.addImage(REGION, "a");
    CopyRequest request = CopyRequest.toRegion(a.id, TARGET, "a-sh").withClientToken("run-7:a");

    Image first = provider.copyImage(request);
    Image again = provider.copyImage(request);
    Image other = provider.copyImage(request.withClientToken("run-8:a"));

    assertThat(again.nativeId()).isEqualTo(first.nativeId());
    assertThat(other.nativeId()).isNotEqualTo(first.nativeId());
    assertThat(ecs.copyCalls()).hasSize(2);
    assertThat(ecs.images(TARGET)).hasSize(2);
  }

  @Test
  void aCopyWhoseAnswerWasLostIsFoundWhenTheRequestIsSentAgain() {
    LocalEcsEndpoint.FakeImage a = ecs.addImage(REGION, "a");
    CopyRequest request = CopyRequest.toRegion(a.id, TARGET, "a-sh");
    ecs.loseNextAnswer("CopyImage");

    assertThatThrownBy(() -> provider.copyImage(request)).isInstanceOf(CloudImageException.class);
    assertThat(ecs.images(TARGET)).hasSize(1);
    Image again = provider.copyImage(request);

    assertThat(ecs.images(TARGET))
        .singleElement()
        .satisfies(i -> assertThat(i.id).isEqualTo(again.nativeId()));
    assertThat(ecs.copyCalls()).hasSize(1);
  }

  @Test
  void withoutATokenEqualRequestsDeriveOneAndDifferentOnesAnother() {
    CopyRequest request = CopyRequest.toRegion("m-bp1abc", TARGET, "a-sh");

    assertThat(EcsCapture.copyToken(request))
        .isEqualTo(EcsCapture.copyToken(CopyRequest.toRegion("m-bp1abc", TARGET, "a-sh")))
        .isNotEqualTo(EcsCapture.copyToken(CopyRequest.toRegion("m-bp1abc", TARGET, "b-sh")))
        .hasSizeLessThanOrEqualTo(64);
    assertThat(EcsCapture.copyToken(request.withClientToken("given"))).isEqualTo("given");
  }
}
