package io.cloudimage.bench.jmh.select;

import io.cloudimage.core.model.Image;
import io.cloudimage.core.select.CandidateCatalog;
import io.cloudimage.core.select.ImageSelector;
import io.cloudimage.core.select.Scenario;
import io.cloudimage.core.select.Selection;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Does scoring and ranking 100,000 candidates cost less than parsing their catalog? {@link #parse}
 * reads the catalog JSON into images; {@link #rank} scores and ranks already-parsed images; {@link
 * #parseAndRank} does both in one stream, as {@code select --catalog} does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class SelectionBenchmark {
  @Param({"100000"})
  int candidates;

  @Param({"10"})
  int top;

  byte[] catalog;
  List<Image> images;
  ImageSelector selector;

  @Setup
  public void setUp() {
    catalog = catalogJson(candidates).getBytes(StandardCharsets.UTF_8);
    try (Stream<Image> s = read()) {
      images = s.toList();
    }
    selector =
        ImageSelector.builder()
            .scenario(Scenario.MICROSERVICE)
            .clock(Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC))
            .top(top)
            .build();
  }

  Stream<Image> read() {
    return CandidateCatalog.read(new ByteArrayInputStream(catalog), "bench");
  }

  @Benchmark
  public long parse() {
    try (Stream<Image> s = read()) {
      return s.count();
    }
  }

  @Benchmark
  public Selection rank() {
    return selector.select(images);
  }

  @Benchmark
  public Selection parseAndRank() {
    try (Stream<Image> s = read()) {
      return selector.select(s);
    }
  }

  /** A catalog of {@code n} varied images: architectures, releases, tiers, sizes, flavours. */
  static String catalogJson(int n) {
    String[] os = {
      "ubuntu\",\"version\":\"24.04", "ubuntu\",\"version\":\"22.04", "debian\",\"version\":\"12",
      "rhel\",\"version\":\"9.6", "amazon-linux\",\"version\":\"2023",
          "ubuntu\",\"version\":\"25.10"
    };
    String[] flavours = {"minimal", "standard", "full", "gpu"};
    String[] tiers = {"HOT", "WARM", "COLD"};
    Random r = new Random(42);
    StringBuilder b = new StringBuilder(n * 600).append("{\"images\":[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      String flavour = flavours[r.nextInt(flavours.length)];
      b.append("{\"id\":\"ami-")
          .append(String.format("%017x", i))
          .append("\",\"name\":\"image-")
          .append(i)
          .append("\",\"provider\":\"aws\",\"region\":\"us-east-1\",\"architecture\":\"")
          .append(r.nextBoolean() ? "arm64" : "x86_64")
          .append("\",\"os\":{\"family\":\"")
          .append(os[r.nextInt(os.length)])
          .append("\"},\"created\":\"2026-10-01T00:00:00Z\",\"sizeBytes\":")
          .append((1L + r.nextInt(40)) << 30)
          .append(",\"tier\":\"")
          .append(tiers[r.nextInt(tiers.length)])
          .append("\",\"tags\":{\"cloudimage:flavour\":\"")
          .append(flavour)
          .append("\",\"team\":\"platform\"},\"verifiedPublisher\":")
          .append(r.nextBoolean())
          .append(",\"requiredCpuFeatures\":[],\"lastPatched\":\"2026-")
          .append(String.format("%02d", 1 + r.nextInt(11)))
          .append("-15T00:00:00Z\",\"signature\":\"")
          .append(r.nextBoolean() ? "VALID" : "UNKNOWN")
          .append("\",\"bootTimeMs\":")
          .append(3000 + r.nextInt(90000))
          .append(",\"benchmarks\":{\"fio.randread.iops\":")
          .append(1000 + r.nextInt(20000))
          .append("},\"knownVulnerabilities\":")
          .append(r.nextInt(10))
          .append(",\"gpuDriver\":")
          .append(flavour.equals("gpu") ? "\"nvidia-550.90.07\"" : "null")
          .append(",\"family\":\"fam-")
          .append(i % 50)
          .append("\",\"description\":\"generated candidate for the selection benchmark\"}");
    }
    return b.append("]}").toString();
  }
}
