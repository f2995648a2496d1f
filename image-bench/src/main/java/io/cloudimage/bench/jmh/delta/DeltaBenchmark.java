package io.cloudimage.bench.jmh.delta;

import io.cloudimage.core.delta.DeltaEngine;
import io.cloudimage.core.delta.DeltaInfo;
import io.cloudimage.core.delta.DeltaMode;
import io.cloudimage.core.progress.Cancellation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a delta between two versions of a disk of random bytes in which 5% of the 64 KiB
 * regions were rewritten: {@link #create} makes the delta in the chosen mode, {@link #apply}
 * rebuilds the new version from the old one and the delta, both digests checked. The files sit in
 * the page cache after the first iteration, so the figures are the engine's cost, not the disk's;
 * {@code scripts/bench-delta.sh} measures whole runs beside xdelta3 and rsync.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class DeltaBenchmark {
  /** The disk's size in MiB. */
  @Param({"64"})
  public int mebibytes;

  /** {@code BLOCK} or {@code CDC}. */
  @Param({"BLOCK", "CDC"})
  public String mode = "BLOCK";

  private Path dir = Path.of("");
  private Path base = Path.of("");
  private Path target = Path.of("");
  private Path delta = Path.of("");
  private Path out = Path.of("");
  private DeltaEngine engine = DeltaEngine.builder().build();

  /** Writes both versions and one delta for {@link #apply}. */
  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("delta-bench");
    base = dir.resolve("base.raw");
    target = dir.resolve("target.raw");
    delta = dir.resolve("delta");
    out = dir.resolve("out.raw");
    SplittableRandom random = new SplittableRandom(1);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream o = Files.newOutputStream(base)) {
      for (int i = 0; i < mebibytes; i++) {
        random.nextBytes(chunk);
        o.write(chunk);
      }
    }
    Files.copy(base, target);
    byte[] region = new byte[64 << 10];
    long regions = ((long) mebibytes << 20) / region.length;
    try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
      for (long r = 0; r < regions; r++) {
        if (random.nextInt(100) < 5) {
          random.nextBytes(region);
          ch.write(ByteBuffer.wrap(region), r * region.length);
        }
      }
    }
    engine = DeltaEngine.builder().mode(DeltaMode.valueOf(mode)).build();
    create();
  }

  /** Removes the files. */
  @TearDown
  public void tearDown() throws IOException {
    for (Path p : List.of(base, target, delta, out)) {
      Files.deleteIfExists(p);
    }
    Files.deleteIfExists(dir);
  }

  /** Creates the delta from the old version to the new one. */
  @Benchmark
  public DeltaInfo create() {
    return engine.create(base, target, delta, p -> {}, Cancellation.never());
  }

  /** Rebuilds the new version from the old one and the delta, with both digests checked. */
  @Benchmark
  public DeltaInfo apply() {
    return engine.apply(base, List.of(delta), out, p -> {}, Cancellation.never());
  }
}
