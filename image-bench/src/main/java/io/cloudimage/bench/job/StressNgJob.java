package io.cloudimage.bench.job;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.host.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One stress-ng run: its stressors, how long they run, and whether stress-ng reports its metrics as
 * YAML on standard output ({@code --metrics --yaml /dev/stdout}), which {@code StressNgParser}
 * reads.
 *
 * <pre>{@code
 * StressNgJob job = StressNgJob.builder()
 *     .stressor(Stressor.of("cpu").workers(0).method("matrixprod"))
 *     .stressor(Stressor.of("vm").workers(1).option("bytes", "256M"))
 *     .duration(Duration.ofSeconds(60))
 *     .build();
 * }</pre>
 */
public final class StressNgJob implements BenchJob {
  private final List<Stressor> stressors;
  private final Duration duration;
  private final boolean metrics;
  private final Duration timeout;

  private StressNgJob(Builder b) {
    if (b.stressors.isEmpty()) {
      throw new IllegalStateException("a stress-ng job needs at least one stressor");
    }
    Map<String, Stressor> seen = new TreeMap<>();
    for (Stressor s : b.stressors) {
      if (seen.put(s.name(), s) != null) {
        throw new InvalidInputException(
            "stressor " + s.name() + " is listed twice; give it more workers instead");
      }
    }
    this.stressors = List.copyOf(b.stressors);
    this.duration = b.duration;
    this.metrics = b.metrics;
    Duration t = b.timeout;
    if (t == null) {
      // stress-ng stops its workers at --timeout, then reaps them: allow for that.
      t = duration.plusSeconds(30);
    } else if (t.compareTo(duration) <= 0) {
      throw new InvalidInputException(
          "timeout (" + t + ") must be longer than duration (" + duration + ")");
    }
    this.timeout = t;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String tool() {
    return "stress-ng";
  }

  /** The stressors, in order. */
  public List<Stressor> stressors() {
    return stressors;
  }

  /** How long the stressors run. */
  public Duration duration() {
    return duration;
  }

  /** The timeout after which the runner kills stress-ng. */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public Command command() {
    List<String> argv = new ArrayList<>();
    argv.add("stress-ng");
    for (Stressor s : stressors) {
      argv.add("--" + s.name());
      argv.add(Integer.toString(s.workers()));
      String method = s.method();
      if (method != null) {
        argv.add("--" + s.name() + "-method");
        argv.add(method);
      }
      for (Map.Entry<String, String> o : s.options().entrySet()) {
        argv.add("--" + s.name() + "-" + o.getKey());
        argv.add(o.getValue());
      }
    }
    argv.add("--timeout");
    argv.add(seconds(duration));
    if (metrics) {
      argv.add("--metrics");
      argv.add("--yaml");
      argv.add("/dev/stdout");
    }
    return Command.of(argv, timeout);
  }

  /** stress-ng takes whole seconds, or a number with a suffix; milliseconds are not accepted. */
  private static String seconds(Duration d) {
    return d.toSeconds() + "s";
  }

  /** Builds a {@link StressNgJob}; at least one stressor is required. */
  public static final class Builder {
    private final List<Stressor> stressors = new ArrayList<>();
    private Duration duration = Duration.ofSeconds(60);
    private boolean metrics = true;
    private @Nullable Duration timeout;

    private Builder() {}

    /** Adds a stressor. */
    public Builder stressor(Stressor stressor) {
      stressors.add(stressor);
      return this;
    }

    /** Adds a stressor with {@code workers} workers and its default method. */
    public Builder stressor(String name, int workers) {
      return stressor(Stressor.of(name).workers(workers));
    }

    /** How long the stressors run, whole seconds from 1 s to 24 h. Default 60 s. */
    public Builder duration(Duration duration) {
      if (duration.toSeconds() < 1
          || duration.compareTo(Duration.ofHours(24)) > 0
          || duration.toNanos() % 1_000_000_000L != 0) {
        throw new InvalidInputException(
            "duration must be whole seconds between 1 s and 24 h, was " + duration);
      }
      this.duration = duration;
      return this;
    }

    /** Whether stress-ng prints its metrics as YAML on stdout. Default true. */
    public Builder metrics(boolean metrics) {
      this.metrics = metrics;
      return this;
    }

    /** When to kill stress-ng; longer than the duration. Default the duration plus 30 s. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new InvalidInputException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** The job. */
    public StressNgJob build() {
      return new StressNgJob(this);
    }
  }
}
