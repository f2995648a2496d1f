package io.cloudimage.security.bench;

import io.cloudimage.security.digest.DigestAlgorithm;
import io.cloudimage.security.digest.MultiDigest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the library on one file, for scripts/bench-trust.sh. Usage: {@code digest FILE ALG...}
 * or {@code verify FILE SIG KEYRING}. Prints {@code seconds=S} after a warm-up run.
 */
public final class TrustBench {
  private TrustBench() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path file = Path.of(args[1]);
    int runs = Integer.getInteger("runs", 3);
    Runnable task;
    if (mode.equals("digest")) {
      List<DigestAlgorithm> algs = new ArrayList<>();
      for (int i = 2; i < args.length; i++) {
        algs.add(DigestAlgorithm.parse(args[i]));
      }
      MultiDigest engine =
          MultiDigest.builder()
              .algorithms(algs)
              .bufferSize(Integer.getInteger("buf", 1 << 20))
              .bufferCount(Integer.getInteger("count", 8))
              .build();
      task = () -> engine.digest(file);
    } else {
      task = VerifyTask.create(file, Path.of(args[2]), Path.of(args[3]));
    }
    task.run(); // warm-up: JIT and page cache
    double best = Double.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      task.run();
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    System.out.printf("seconds=%.3f%n", best);
  }
}
