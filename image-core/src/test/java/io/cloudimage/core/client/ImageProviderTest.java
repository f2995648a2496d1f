package io.cloudimage.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.client.FaultyDriver.Hang;
import io.cloudimage.core.client.FaultyDriver.ServerError;
import io.cloudimage.core.client.FaultyDriver.Slow;
import io.cloudimage.core.client.FaultyDriver.Throttle;
import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.error.ProviderUnavailableException;
import io.cloudimage.core.error.ThrottledException;
import io.cloudimage.core.error.UnsupportedCapabilityException;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.Tags;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.Capabilities;
import io.cloudimage.core.provider.Capability;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.core.provider.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImageProviderTest {
  private final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private FaultyDriver driver = new FaultyDriver(Capabilities.all(), 10, 4);

  @AfterEach
  void release() {
    driver.releaseHung();
    timer.shutdownNow();
  }

  private ImageProvider client(RetryPolicy.Builder retry, ProviderConfig.Builder config) {
    return ImageProvider.of(driver, config.retryPolicy(retry.build()).build());
  }

  private ImageProvider client() {
    return client(
        RetryPolicy.builder().maxAttempts(4).sleeper(slept::add), ProviderConfig.builder());
  }

  private static long total(List<Duration> durations) {
    synchronized (durations) {
      return durations.stream().mapToLong(Duration::toMillis).sum();
    }
  }

  @Test
  void checksTheCapabilityBeforeCallingTheDriver() {
    driver = new FaultyDriver(Capabilities.of(Capability.LIST_IMAGES), 10, 4);
    try (ImageProvider client = client()) {
      assertThatThrownBy(() -> client.deregister("img-1", DeregisterOptions.KEEP_SNAPSHOTS))
          .isInstanceOf(UnsupportedCapabilityException.class)
          .hasMessageContaining("DEREGISTER");
      assertThat(driver.calls("Deregister")).isZero();
    }
  }

  @Test
  void retriesThrottlingAndWaitsAtLeastWhatRetryAfterAsked() {
    driver.failing(
        "DescribeImage",
        new Throttle(Duration.ofMillis(700)),
        new Throttle(Duration.ofMillis(900)));
    try (ImageProvider client = client()) {
      Image image = client.describe("img-3");
      assertThat(image.nativeId()).isEqualTo("img-3");
      assertThat(driver.calls("DescribeImage")).isEqualTo(3);
      assertThat(total(slept)).isGreaterThanOrEqualTo(1_600);
      OperationMetrics m = client.metrics().operation("DescribeImage");
      assertThat(m.calls()).isEqualTo(1);
      assertThat(m.retries()).isEqualTo(2);
      assertThat(m.failures()).isZero();
    }
  }

  @Test
  void retriesServerErrorsUpToTheMostAttemptsThenFailsWithTheProvidersCode() {
    driver.alwaysFailing("DescribeImage", new ServerError());
    try (ImageProvider client = client()) {
      assertThatThrownBy(() -> client.describe("img-1"))
          .isInstanceOf(ProviderUnavailableException.class)
          .satisfies(
              e ->
                  assertThat(((ProviderUnavailableException) e).errorCode())
                      .isEqualTo("InternalError"));
      assertThat(driver.calls("DescribeImage")).isEqualTo(4);
      assertThat(client.metrics().operation("DescribeImage").failures()).isEqualTo(1);
    }
  }

  @Test
  void stopsRetryingWhenTheNextPauseWouldPassTheBudget() {
    driver.alwaysFailing("DescribeImage", new Throttle(Duration.ofMillis(200)));
    try (ImageProvider client =
        client(
            RetryPolicy.builder().maxAttempts(100).budget(Duration.ofMillis(500)),
            ProviderConfig.builder())) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.describe("img-1")).isInstanceOf(ThrottledException.class);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(driver.calls("DescribeImage")).isBetween(2, 3);
      assertThat(millis).isLessThan(2_000);
    }
  }

  @Test
  void anAttemptThatHangsTimesOutAndAnIdempotentCallIsRetried() {
    driver.failing("DescribeImage", new Hang());
    try (ImageProvider client =
        client(
            RetryPolicy.builder().maxAttempts(3).sleeper(slept::add),
            ProviderConfig.builder()
                .callAttemptTimeout(Duration.ofMillis(200))
                .callTimeout(Duration.ofSeconds(5)))) {
      assertThat(client.describe("img-2").nativeId()).isEqualTo("img-2");
      assertThat(driver.calls("DescribeImage")).isEqualTo(2);
      assertThat(client.metrics().operation("DescribeImage").timeouts()).isEqualTo(1);
    }
  }

  @Test
  void theCallTimeoutBoundsEveryAttemptTogether() {
    driver.alwaysFailing("DescribeImage", new Slow(Duration.ofMillis(300)));
    try (ImageProvider client =
        client(
            RetryPolicy.builder().maxAttempts(100),
            ProviderConfig.builder()
                .callAttemptTimeout(Duration.ofMillis(100))
                .callTimeout(Duration.ofMillis(700)))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.describe("img-1"))
          .isInstanceOf(ProviderUnavailableException.class)
          .hasMessageContaining("DescribeImage img-1");
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(millis).isBetween(100L, 1_500L);
      assertThat(client.metrics().operation("DescribeImage").timeouts()).isPositive();
    }
  }

  @Test
  void aCallThatCouldActTwiceIsNotRepeatedAfterATimeout() {
    driver.failing("Deregister", new Hang());
    try (ImageProvider client =
        client(
            RetryPolicy.builder().maxAttempts(5).sleeper(slept::add),
            ProviderConfig.builder().callAttemptTimeout(Duration.ofMillis(150)))) {
      assertThatThrownBy(() -> client.deregister("img-1", DeregisterOptions.DELETE_SNAPSHOTS))
          .isInstanceOf(ProviderUnavailableException.class)
          .hasMessageContaining("did not answer");
      assertThat(driver.calls("Deregister")).isEqualTo(1);
    }
  }

  @Test
  void aCallThatCouldActTwiceIsRepeatedAfterThrottlingBecauseNothingHappened() {
    driver.failing("Deregister", new Throttle(null));
    try (ImageProvider client = client()) {
      client.deregister("img-1", DeregisterOptions.KEEP_SNAPSHOTS);
      assertThat(driver.calls("Deregister")).isEqualTo(2);
    }
  }

  @Test
  void cancellationInterruptsAWait() {
    try (ImageProvider client = client()) {
      Cancellation cancel = Cancellation.create();
      timer.schedule(cancel::cancel, 300, TimeUnit.MILLISECONDS);
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  client.await(
                      "img-0",
                      i -> i.state() == ImageState.AVAILABLE,
                      Duration.ofMinutes(5),
                      ProgressListener.NONE,
                      cancel))
          .isInstanceOf(CancelledException.class);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }
  }

  @Test
  void cancellationStopsALongOperationAndTellsTheDriver() throws Exception {
    try (ImageProvider client = client()) {
      Cancellation cancel = Cancellation.create();
      CompletableFuture<Image> copy =
          CompletableFuture.supplyAsync(
              () ->
                  client.copyImage(
                      CopyRequest.toRegion("img-1", "test-2", "copy"),
                      ProgressListener.NONE,
                      cancel));
      timer.schedule(cancel::cancel, 200, TimeUnit.MILLISECONDS);
      assertThatThrownBy(() -> copy.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(CancelledException.class);
      assertThat(driver.operations()).hasSize(1);
      assertThat(driver.operations().get(0).cancellation().isCancelled()).isTrue();
    }
  }

  @Test
  void listingsFetchPagesOnlyAsTheStreamIsConsumed() {
    try (ImageProvider client = client();
        Stream<Image> all = client.images()) {
      assertThat(all.limit(3).map(Image::nativeId)).containsExactly("img-0", "img-1", "img-2");
      assertThat(driver.calls("ListImages")).isEqualTo(1);
    }
    try (ImageProvider client = client()) {
      assertThat(client.images().count()).isEqualTo(10);
    }
  }

  @Test
  void countsCallsPerOperation() {
    try (ImageProvider client = client()) {
      client.tag("img-1", Tags.of("team", "web"), Set.of());
      client.tag("img-2", Tags.of("team", "web"), Set.of());
      assertThat(client.metrics().operation("Tag").calls()).isEqualTo(2);
      assertThat(client.metrics().operation("Tag").maxLatency()).isPositive();
      assertThat(client.metrics().operation("Never").calls()).isZero();
    }
  }

  @Test
  void redactsCredentialsFromLoggedText() {
    String text =
        "key AKIAIOSFODNN7EXAMPLE secret_access_key=wJalrXUtnFEMI/K7MDENG password: \"hunter2\""
            + " https://user:pa55@example.com/x?X-Amz-Signature=abcdef&AccessKeyId=LTAI5tAbCdEfGhIjKl";
    String out = Redaction.redact(text);
    assertThat(out)
        .doesNotContain(
            "IOSFODNN7EXAMPLE", "wJalrXUtnFEMI", "hunter2", "pa55", "abcdef", "5tAbCdEfGhIjKl")
        .contains("AKIA****", "LTAI****", "img".isEmpty() ? "" : "://****@");
  }
}
