package io.cloudimage.bench.job;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.host.Command;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One fio job, as its command line ({@link #command()}) or its job file ({@link #jobFile()}). Every
 * value is checked when set: a bad one throws {@link InvalidInputException} naming the option and
 * the accepted range; options that contradict each other fail at {@link Builder#build()}.
 *
 * <pre>{@code
 * FioJob job = FioJob.builder()
 *     .name("randread")
 *     .pattern(IoPattern.RANDREAD)
 *     .blockSize("4k")
 *     .ioDepth(32)
 *     .numJobs(4)
 *     .size("1G")
 *     .runtime(Duration.ofSeconds(60))
 *     .direct(true)
 *     .ioEngine("libaio")
 *     .target(Path.of("/dev/nvme1n1"))
 *     .build();
 * }</pre>
 */
public final class FioJob implements BenchJob {
  /** The I/O engines fio ships on Linux that a benchmark of a disk would choose. */
  public static final Set<String> IO_ENGINES =
      Set.of(
          "sync",
          "psync",
          "vsync",
          "pvsync",
          "pvsync2",
          "libaio",
          "io_uring",
          "posixaio",
          "mmap",
          "null");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private final String name;
  private final IoPattern pattern;
  private final long blockSize;
  private final int ioDepth;
  private final int numJobs;
  private final long size;
  private final @Nullable Duration runtime;
  private final boolean direct;
  private final String ioEngine;
  private final Path target;
  private final boolean targetIsDirectory;
  private final @Nullable Integer readPercent;
  private final boolean groupReporting;
  private final Duration timeout;

  private FioJob(Builder b) {
    this.name = b.name;
    this.pattern = Objects.requireNonNull(b.pattern, "pattern is required");
    this.blockSize = b.blockSize;
    this.ioDepth = b.ioDepth;
    this.numJobs = b.numJobs;
    if (b.size <= 0) {
      throw new IllegalStateException("size is required");
    }
    this.size = b.size;
    this.runtime = b.runtime;
    this.direct = b.direct;
    this.ioEngine = b.ioEngine;
    this.target = Objects.requireNonNull(b.target, "target or directory is required");
    this.targetIsDirectory = b.targetIsDirectory;
    this.readPercent = b.readPercent;
    this.groupReporting = b.groupReporting;
    if (readPercent != null && !pattern.mixed()) {
      throw new InvalidInputException(
          "readPercent (rwmixread) applies only to readwrite and randrw, not to rw="
              + pattern.fioName());
    }
    if (direct && blockSize % 512 != 0) {
      throw new InvalidInputException(
          "direct=1 needs a block size that is a multiple of 512 bytes; blockSize is " + blockSize);
    }
    if (blockSize > size) {
      throw new InvalidInputException(
          "blockSize (" + blockSize + " bytes) is larger than size (" + size + " bytes)");
    }
    Duration t = b.timeout;
    if (t == null) {
      // fio's own run plus its layout and start-up; generous so only a hung run hits it.
      t = runtime == null ? Duration.ofMinutes(30) : runtime.multipliedBy(2).plusSeconds(30);
    } else if (runtime != null && t.compareTo(runtime) <= 0) {
      throw new InvalidInputException(
          "timeout (" + t + ") must be longer than runtime (" + runtime + ")");
    }
    this.timeout = t;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String tool() {
    return "fio";
  }

  /** The job's name, which fio repeats in its results. */
  public String name() {
    return name;
  }

  /** The I/O pattern. */
  public IoPattern pattern() {
    return pattern;
  }

  /** The block size in bytes. */
  public long blockSize() {
    return blockSize;
  }

  /** The timeout after which the runner kills fio. */
  public Duration timeout() {
    return timeout;
  }

  /** The options in fio's order of reading them, as {@code key -> value} ({@code ""} for flags). */
  private Map<String, String> options() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("rw", pattern.fioName());
    if (readPercent != null) {
      o.put("rwmixread", Integer.toString(readPercent));
    }
    o.put("bs", Sizes.fio(blockSize));
    o.put("size", Sizes.fio(size));
    o.put("ioengine", ioEngine);
    o.put("iodepth", Integer.toString(ioDepth));
    o.put("numjobs", Integer.toString(numJobs));
    o.put("direct", direct ? "1" : "0");
    // fio splits filenames at ':'; a path with one must escape it.
    o.put(targetIsDirectory ? "directory" : "filename", target.toString().replace(":", "\\:"));
    if (runtime != null) {
      o.put("runtime", runtime.toMillis() + "ms");
      o.put("time_based", "");
    }
    if (groupReporting) {
      o.put("group_reporting", "");
    }
    return o;
  }

  /** The command line: {@code fio --name=... --rw=... --output-format=json}. */
  @Override
  public Command command() {
    List<String> argv = new ArrayList<>();
    argv.add("fio");
    argv.add("--name=" + name);
    for (Map.Entry<String, String> e : options().entrySet()) {
      argv.add(e.getValue().isEmpty() ? "--" + e.getKey() : "--" + e.getKey() + "=" + e.getValue());
    }
    argv.add("--output-format=json");
    return Command.of(argv, timeout);
  }

  /** The same job as a fio job file, to run with {@code fio --output-format=json FILE}. */
  public String jobFile() {
    StringBuilder b = new StringBuilder();
    b.append('[').append(name).append("]\n");
    for (Map.Entry<String, String> e : options().entrySet()) {
      b.append(e.getKey());
      if (!e.getValue().isEmpty()) {
        b.append('=').append(e.getValue());
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Builds a {@link FioJob}; {@code pattern}, {@code size} and a target are required. */
  public static final class Builder {
    private String name = "cloudimage";
    private @Nullable IoPattern pattern;
    private long blockSize = 4096;
    private int ioDepth = 1;
    private int numJobs = 1;
    private long size;
    private @Nullable Duration runtime;
    private boolean direct;
    private String ioEngine = "psync";
    private @Nullable Path target;
    private boolean targetIsDirectory;
    private @Nullable Integer readPercent;
    private boolean groupReporting;
    private @Nullable Duration timeout;

    private Builder() {}

    /**
     * The job's name: letters, digits, {@code _ . -}, at most 64 characters. Default {@code
     * cloudimage}.
     */
    public Builder name(String name) {
      if (!NAME.matcher(name).matches()) {
        throw new InvalidInputException(
            "fio job name '" + name + "' must be 1-64 letters, digits, '_', '.' or '-'");
      }
      this.name = name;
      return this;
    }

    /** The I/O pattern (fio's {@code rw}). Required. */
    public Builder pattern(IoPattern pattern) {
      this.pattern = Objects.requireNonNull(pattern, "pattern");
      return this;
    }

    /** The I/O pattern by fio's name ({@code randread}, ...). */
    public Builder pattern(String pattern) {
      return pattern(IoPattern.parse(pattern));
    }

    /** The block size in bytes, 1 byte to 256 MiB. Default 4 KiB. */
    public Builder blockSize(long bytes) {
      if (bytes <= 0 || bytes > (256L << 20)) {
        throw new InvalidInputException(
            "blockSize must be between 1 byte and 256 MiB, was " + bytes + " bytes");
      }
      this.blockSize = bytes;
      return this;
    }

    /** The block size as fio writes it: {@code 4k}, {@code 1M}. */
    public Builder blockSize(String size) {
      return blockSize(Sizes.parse(size, "blockSize"));
    }

    /** The I/O depth (requests in flight per job), 1 to 4096. Default 1. */
    public Builder ioDepth(int depth) {
      if (depth < 1 || depth > 4096) {
        throw new InvalidInputException("ioDepth must be between 1 and 4096, was " + depth);
      }
      this.ioDepth = depth;
      return this;
    }

    /** The number of identical jobs fio runs in parallel, 1 to 1024. Default 1. */
    public Builder numJobs(int jobs) {
      if (jobs < 1 || jobs > 1024) {
        throw new InvalidInputException("numJobs must be between 1 and 1024, was " + jobs);
      }
      this.numJobs = jobs;
      return this;
    }

    /** The bytes each job reads or writes (the file's size). Required. */
    public Builder size(long bytes) {
      if (bytes <= 0) {
        throw new InvalidInputException("size must be positive, was " + bytes + " bytes");
      }
      this.size = bytes;
      return this;
    }

    /** The size as fio writes it: {@code 1G}. */
    public Builder size(String size) {
      return size(Sizes.parse(size, "size"));
    }

    /**
     * How long to run, 1 ms to 24 hours; the job then loops over its size until the time is up
     * ({@code time_based}). Without it, fio stops after one pass over {@code size}.
     */
    public Builder runtime(Duration runtime) {
      if (runtime.toMillis() < 1 || runtime.compareTo(Duration.ofHours(24)) > 0) {
        throw new InvalidInputException(
            "runtime must be between 1 ms and 24 hours, was " + runtime);
      }
      this.runtime = runtime;
      return this;
    }

    /** Whether to bypass the page cache ({@code O_DIRECT}). Default false. */
    public Builder direct(boolean direct) {
      this.direct = direct;
      return this;
    }

    /** The I/O engine, one of {@link #IO_ENGINES}. Default {@code psync}. */
    public Builder ioEngine(String engine) {
      if (!IO_ENGINES.contains(engine)) {
        throw new InvalidInputException(
            "unknown fio ioengine '"
                + engine
                + "'; use one of "
                + new java.util.TreeSet<>(IO_ENGINES));
      }
      this.ioEngine = engine;
      return this;
    }

    /** The file or block device to run against ({@code filename}). */
    public Builder target(Path fileOrDevice) {
      this.target = fileOrDevice;
      this.targetIsDirectory = false;
      return this;
    }

    /** A directory where fio lays out one file per job ({@code directory}). */
    public Builder directory(Path directory) {
      this.target = directory;
      this.targetIsDirectory = true;
      return this;
    }

    /** For readwrite and randrw: the percentage of reads, 0 to 100. Default fio's 50. */
    public Builder readPercent(int percent) {
      if (percent < 0 || percent > 100) {
        throw new InvalidInputException("readPercent must be between 0 and 100, was " + percent);
      }
      this.readPercent = percent;
      return this;
    }

    /** Whether fio reports the jobs as one group instead of each job. Default false. */
    public Builder groupReporting(boolean group) {
      this.groupReporting = group;
      return this;
    }

    /** When to kill fio; longer than the runtime. Default twice the runtime plus 30 s. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new InvalidInputException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The job.
     *
     * @throws InvalidInputException when options contradict each other (rwmixread without a mixed
     *     pattern, direct I/O with a block size not a multiple of 512, a timeout not longer than
     *     the runtime)
     */
    public FioJob build() {
      return new FioJob(this);
    }
  }
}
