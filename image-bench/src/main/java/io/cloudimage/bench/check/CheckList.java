package io.cloudimage.bench.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Functional checks of a running image, run one after the other into one report.
 *
 * <pre>{@code
 * CheckReport report = CheckList.builder()
 *     .http("http://10.0.0.5/health")
 *     .tcp("10.0.0.5", 22)
 *     .mysql("10.0.0.5", 3306)
 *     .load("http://10.0.0.5/", Duration.ofSeconds(10), 16, 500)
 *     .timeout(Duration.ofSeconds(5))
 *     .build()
 *     .run();
 * if (!report.passed()) { ... }
 * }</pre>
 */
public final class CheckList {
  private final List<Check> checks;
  private final Duration timeout;

  private CheckList(Builder b) {
    this.checks = List.copyOf(b.checks);
    this.timeout = b.timeout;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs every check, each with the list's timeout. */
  public CheckReport run() {
    List<CheckResult> results = new ArrayList<>();
    for (Check c : checks) {
      results.add(c.run(timeout));
    }
    return new CheckReport(results);
  }

  /** Builds a {@link CheckList}; at least one check is required. */
  public static final class Builder {
    private final List<Check> checks = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(5);

    private Builder() {}

    /** An HTTP GET that must answer 2xx or 3xx. */
    public Builder http(String url) {
      return add(HttpCheck.of(url, 0, null));
    }

    /**
     * An HTTP GET that must answer {@code status} (0: any 2xx or 3xx) within {@code maxLatency}
     * (null: no limit).
     */
    public Builder http(String url, int status, @Nullable Duration maxLatency) {
      return add(HttpCheck.of(url, status, maxLatency));
    }

    /** A TCP port that must accept a connection. */
    public Builder tcp(String host, int port) {
      return add(new TcpCheck(host, port));
    }

    /** A TCP port given as {@code host:port}. */
    public Builder tcp(String hostPort) {
      String[] hp = Endpoints.hostPort(hostPort);
      return tcp(hp[0], Integer.parseInt(hp[1]));
    }

    /**
     * A load run through wrk that must see only 2xx/3xx answers, no socket error and at least
     * {@code minRequestsPerSecond} (see {@link LoadCheck}).
     */
    public Builder load(
        String url, Duration duration, int connections, double minRequestsPerSecond) {
      return add(LoadCheck.of(url, duration, connections, minRequestsPerSecond));
    }

    /**
     * At least {@code expectedGpus} NVIDIA GPUs that answer with a driver (see {@link GpuCheck}).
     */
    public Builder gpu(int expectedGpus) {
      return add(GpuCheck.of(expectedGpus));
    }

    /** A MySQL or MariaDB server that must greet with its handshake. */
    public Builder mysql(String host, int port) {
      return add(new MysqlCheck(host, port));
    }

    /** A MySQL or MariaDB server given as {@code host:port}. */
    public Builder mysql(String hostPort) {
      String[] hp = Endpoints.hostPort(hostPort);
      return mysql(hp[0], Integer.parseInt(hp[1]));
    }

    /** Any other check. */
    public Builder add(Check check) {
      checks.add(check);
      return this;
    }

    /** How long each check waits for an answer, positive. Default 5 s. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** The list. */
    public CheckList build() {
      if (checks.isEmpty()) {
        throw new IllegalStateException("a check list needs at least one check");
      }
      return new CheckList(this);
    }
  }
}
