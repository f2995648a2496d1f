package io.cloudimage.core.client;

import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counts calls per operation, lock-free; {@link #snapshot()} copies the figures. */
final class MetricsRecorder {
  private final ConcurrentMap<String, Counters> byOperation = new ConcurrentHashMap<>();

  void record(String operation, long nanos, int retries, boolean failed, boolean timedOut) {
    Counters c = counters(operation);
    c.calls.increment();
    c.retries.add(retries);
    if (failed) {
      c.failures.increment();
    }
    if (timedOut) {
      c.timeouts.increment();
    }
    c.totalNanos.add(nanos);
    c.maxNanos.accumulateAndGet(nanos, Math::max);
  }

  void timeout(String operation) {
    counters(operation).timeouts.increment();
  }

  private Counters counters(String operation) {
    return byOperation.computeIfAbsent(operation, k -> new Counters());
  }

  ProviderMetrics snapshot() {
    TreeMap<String, OperationMetrics> out = new TreeMap<>();
    byOperation.forEach(
        (name, c) ->
            out.put(
                name,
                new OperationMetrics(
                    c.calls.sum(),
                    c.failures.sum(),
                    c.retries.sum(),
                    c.timeouts.sum(),
                    Duration.ofNanos(c.totalNanos.sum()),
                    Duration.ofNanos(c.maxNanos.get()))));
    return new ProviderMetrics(out);
  }

  private static final class Counters {
    final LongAdder calls = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder totalNanos = new LongAdder();
    final AtomicLong maxNanos = new AtomicLong();
  }
}
