package io.cloudimage.core.client;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per-operation counts, retries and latencies of one client, keyed by operation name ({@code
 * ListImages}, {@code DescribeImage}, {@code Deregister}…).
 *
 * <pre>{@code
 * OperationMetrics describe = provider.metrics().operation("DescribeImage");
 * System.out.println(describe.calls() + " calls, " + describe.retries() + " retries, mean "
 *     + describe.meanLatency().toMillis() + " ms");
 * }</pre>
 *
 * @param operations a snapshot of every operation called so far, sorted by name
 */
public record ProviderMetrics(SortedMap<String, OperationMetrics> operations) {
  private static final OperationMetrics NONE =
      new OperationMetrics(0, 0, 0, 0, java.time.Duration.ZERO, java.time.Duration.ZERO);

  /** Copies the map. */
  public ProviderMetrics {
    operations = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(operations));
  }

  /** One operation's figures, all zero when it was never called. */
  public OperationMetrics operation(String name) {
    return operations.getOrDefault(name, NONE);
  }

  /** The same figures as a plain map. */
  public Map<String, OperationMetrics> asMap() {
    return operations;
  }
}
