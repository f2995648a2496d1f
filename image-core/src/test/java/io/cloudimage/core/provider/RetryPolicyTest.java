package io.cloudimage.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.error.ThrottledException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void retriesThrottlingWithCappedJitteredDelaysThenSucceeds() {
    List<Duration> slept = new ArrayList<>();
    RetryPolicy retry =
        RetryPolicy.builder()
            .maxAttempts(5)
            .baseDelay(Duration.ofMillis(100))
            .maxDelay(Duration.ofMillis(300))
            .sleeper(slept::add)
            .build();
    AtomicInteger calls = new AtomicInteger();
    String result =
        retry.call(
            "Describe",
            () -> {
              if (calls.incrementAndGet() < 4) {
                throw new ThrottledException("slow down");
              }
              return "ok";
            });
    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(4);
    assertThat(slept)
        .hasSize(3)
        .allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(300)));
  }

  @Test
  void neverRetriesWhatCannotSucceedAndStopsAtTheAttemptBudget() {
    List<Duration> slept = new ArrayList<>();
    RetryPolicy retry = RetryPolicy.builder().maxAttempts(3).sleeper(slept::add).build();
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                retry.call(
                    "x",
                    () -> {
                      calls.incrementAndGet();
                      throw new NotFoundException("gone");
                    }))
        .isInstanceOf(NotFoundException.class);
    assertThat(calls).hasValue(1);
    assertThatThrownBy(
            () ->
                retry.call(
                    "x",
                    () -> {
                      calls.incrementAndGet();
                      throw new ThrottledException("busy");
                    }))
        .isInstanceOf(ThrottledException.class);
    assertThat(calls).hasValue(4);
  }

  @Test
  void contradictingOptionsFailNamingBoth() {
    assertThatThrownBy(
            () ->
                RetryPolicy.builder()
                    .baseDelay(Duration.ofSeconds(5))
                    .maxDelay(Duration.ofSeconds(1))
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("maxDelay")
        .hasMessageContaining("baseDelay");
  }

  @Test
  void pagesAreFetchedOnlyAsTheStreamIsConsumed() {
    List<String> fetched = new ArrayList<>();
    var stream =
        Page.<Integer>stream(
            token -> {
              fetched.add(String.valueOf(token));
              int start = token == null ? 0 : Integer.parseInt(token);
              return new Page<>(
                  List.of(start, start + 1), start >= 8 ? null : String.valueOf(start + 2));
            });
    assertThat(stream.limit(3).collect(Collectors.toList())).containsExactly(0, 1, 2);
    assertThat(fetched).containsExactly("null", "2");
  }
}
