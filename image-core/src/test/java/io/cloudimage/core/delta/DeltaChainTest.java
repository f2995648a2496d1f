package io.cloudimage.core.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaChainTest {
  private static final int MIB = 1024 * 1024;
  private static final Instant NINE = Instant.parse("2026-03-01T09:00:00Z");

  @TempDir Path dir;
  Path v0;
  Path v3;
  Path d01;
  Path d12;
  Path d23;

  private static DeltaEngine at(Instant when) {
    return DeltaEngine.builder()
        .blockSize(64 * 1024)
        .clock(Clock.fixed(when, ZoneOffset.UTC))
        .build();
  }

  /** Three hourly versions, each a few scribbles on the last. */
  @BeforeEach
  void hourlyVersions() throws Exception {
    v0 = Disks.random(dir.resolve("v0.raw"), 4 * MIB, 1);
    Path previous = v0;
    Path[] deltas = new Path[3];
    for (int h = 1; h <= 3; h++) {
      Path next = Disks.copy(previous, dir.resolve("v" + h + ".raw"));
      Disks.scribble(next, h * 700_000L, 50_000, h);
      deltas[h - 1] = dir.resolve("d" + (h - 1) + h + ".cidelta");
      at(NINE.plusSeconds(3600L * h))
          .create(previous, next, deltas[h - 1], ProgressListener.NONE, Cancellation.never());
      previous = next;
    }
    v3 = previous;
    d01 = deltas[0];
    d12 = deltas[1];
    d23 = deltas[2];
  }

  private void apply(List<Path> chain, Path out) {
    at(NINE).apply(v0, chain, out, ProgressListener.NONE, Cancellation.never());
  }

  @Test
  void appliesAChainInOrder() throws Exception {
    Path out = dir.resolve("out.raw");
    apply(List.of(d01, d12, d23), out);
    assertThat(Files.mismatch(out, v3)).isEqualTo(-1);
    assertThat(Disks.leftovers(dir)).isZero();
  }

  @Test
  void refusesAChainWithAGapNamingTheMissingLink() {
    Path out = dir.resolve("out.raw");
    assertThatThrownBy(() -> apply(List.of(d01, d23), out))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageContaining("gap between " + d01 + " and " + d23)
        .hasMessageContaining(DeltaFile.open(d12).info().baseDigest())
        .hasMessageContaining(DeltaFile.open(d12).info().targetDigest());
    assertThat(out).doesNotExist();
  }

  @Test
  void refusesAChainInTheWrongOrder() {
    Path out = dir.resolve("out.raw");
    assertThatThrownBy(() -> apply(List.of(d01, d23, d12), out))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageContaining("out of order")
        .hasMessageContaining("give them as " + d01 + " " + d12 + " " + d23);
    assertThat(out).doesNotExist();
  }

  @Test
  void refusesAChainThatStartsFromAnotherBase() {
    Path out = dir.resolve("out.raw");
    assertThatThrownBy(() -> apply(List.of(d12, d23), out))
        .isInstanceOf(CheckFailedException.class)
        .hasMessageContaining("is not the base of " + d12);
    assertThat(out).doesNotExist();
  }

  @Test
  void compactsAChainIntoOneDeltaDatedAsItsLast() throws Exception {
    Path merged = dir.resolve("d03.cidelta");
    DeltaInfo info =
        at(NINE)
            .compact(
                v0, List.of(d01, d12, d23), merged, ProgressListener.NONE, Cancellation.never());
    assertThat(info.created()).isEqualTo(DeltaFile.open(d23).info().created());
    assertThat(info.baseDigest()).isEqualTo(DeltaFile.open(d01).info().baseDigest());
    assertThat(info.targetDigest()).isEqualTo(DeltaFile.open(d23).info().targetDigest());
    assertThat(info.deltaSize())
        .isLessThanOrEqualTo(Files.size(d01) + Files.size(d12) + Files.size(d23));
    Path out = dir.resolve("out.raw");
    apply(List.of(merged), out);
    assertThat(Files.mismatch(out, v3)).isEqualTo(-1);
    assertThat(Disks.leftovers(dir)).isZero();
  }
}
