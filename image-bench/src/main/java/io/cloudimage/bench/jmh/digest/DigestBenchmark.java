package io.cloudimage.bench.jmh.digest;

import io.cloudimage.security.digest.DigestAlgorithm;
import io.cloudimage.security.digest.DigestResult;
import io.cloudimage.security.digest.MultiDigest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * How much does a second and third digest cost when they share one read of the file? {@link
 * #sha256} digests a file of random bytes once; {@link #sha256Sha512Md5} computes three digests in
 * one pass, as {@code cloudimage digest -a sha256 -a sha512 -a md5} does. The file sits in the page
 * cache after the first iteration, so the figures are the digests' cost, not the disk's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class DigestBenchmark {
  /** The file's size in MiB. */
  @Param({"64"})
  public int mebibytes;

  private Path file = Path.of("");
  private MultiDigest one = MultiDigest.builder().algorithms(DigestAlgorithm.SHA256).build();
  private MultiDigest three = one;

  /** Writes the file of random bytes. */
  @Setup
  public void setUp() throws IOException {
    file = Files.createTempFile("digest-bench", ".bin");
    SplittableRandom random = new SplittableRandom(1);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < mebibytes; i++) {
        for (int j = 0; j < chunk.length; j++) {
          chunk[j] = (byte) random.nextInt(256);
        }
        out.write(chunk);
      }
    }
    three =
        MultiDigest.builder()
            .algorithms(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512, DigestAlgorithm.MD5)
            .build();
  }

  /** Removes the file. */
  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  /** One SHA-256 pass. */
  @Benchmark
  public DigestResult sha256() {
    return one.digest(file);
  }

  /** SHA-256, SHA-512 and MD5 in one pass. */
  @Benchmark
  public DigestResult sha256Sha512Md5() {
    return three.digest(file);
  }
}
