package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaCommandTest {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final int MIB = 1024 * 1024;

  @TempDir Path dir;
  Path v1;
  Path v2;
  Path v3;

  private static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new SplittableRandom(seed).nextBytes(data);
    return data;
  }

  private static void scribble(Path file, long offset, int length, long seed) throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      f.write(random(length, seed));
    }
  }

  @BeforeEach
  void versions() throws Exception {
    v1 = Files.write(dir.resolve("v1.raw"), random(4 * MIB, 1));
    v2 = Files.copy(v1, dir.resolve("v2.raw"));
    scribble(v2, 600_000, 70_000, 2);
    v3 = Files.copy(v2, dir.resolve("v3.raw"));
    scribble(v3, 3_000_000, 1000, 3);
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path create(Path from, Path to, String name, String... options) {
    Path delta = dir.resolve(name);
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "--quiet",
                "delta",
                "create",
                from.toString(),
                to.toString(),
                "-o",
                delta.toString()));
    args.addAll(java.util.List.of(options));
    CliRun r = run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return delta;
  }

  @Test
  void createsInspectsAndAppliesABlockDelta() throws Exception {
    Path delta = create(v1, v2, "d12.cidelta", "--block-size", "64K");
    CliRun info = run("--json", "delta", "info", delta.toString(), "--blocks");
    assertThat(info.exitCode()).as(info.err()).isZero();
    JsonNode o = JSON.readTree(info.out());
    assertThat(o.path("mode").asText()).isEqualTo("block");
    assertThat(o.path("blockSize").asLong()).isEqualTo(65_536);
    assertThat(o.path("baseSize").asLong()).isEqualTo(4L * MIB);
    assertThat(o.path("targetSize").asLong()).isEqualTo(4L * MIB);
    assertThat(o.path("changedBytes").asLong()).isEqualTo(2L * 65_536); // the write spans 2 blocks
    assertThat(o.path("deltaSize").asLong()).isEqualTo(Files.size(delta));
    assertThat(o.path("targetDigest").asText()).hasSize(64);
    assertThat(o.path("changedBlocks")).hasSize(2);
    assertThat(o.path("changedBlocks").get(0).path("index").asLong()).isEqualTo(9);

    Path out = dir.resolve("out.raw");
    CliRun apply =
        run("--quiet", "delta", "apply", v1.toString(), delta.toString(), "-o", out.toString());
    assertThat(apply.exitCode()).as(apply.err()).isZero();
    assertThat(apply.out()).contains("verified");
    assertThat(Files.mismatch(out, v2)).isEqualTo(-1);
  }

  @Test
  void appliesACdcDelta() throws Exception {
    Path delta = create(v1, v2, "d12.cidelta", "--mode", "cdc");
    Path out = dir.resolve("out.raw");
    CliRun apply =
        run(
            "--quiet",
            "--json",
            "delta",
            "apply",
            v1.toString(),
            delta.toString(),
            "-o",
            out.toString());
    assertThat(apply.exitCode()).as(apply.err()).isZero();
    assertThat(JSON.readTree(apply.out()).path("verified").asBoolean()).isTrue();
    assertThat(Files.mismatch(out, v2)).isEqualTo(-1);
  }

  @Test
  void aWrongBaseIsAFailedCheck() {
    Path delta = create(v1, v2, "d12.cidelta");
    Path out = dir.resolve("out.raw");
    CliRun apply =
        run("--quiet", "delta", "apply", v3.toString(), delta.toString(), "-o", out.toString());
    assertThat(apply.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(apply.err()).contains("is not the base of");
    assertThat(out).doesNotExist();
  }

  @Test
  void aTruncatedDeltaIsBadInput() throws Exception {
    Path delta = create(v1, v2, "d12.cidelta");
    try (RandomAccessFile f = new RandomAccessFile(delta.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    Path out = dir.resolve("out.raw");
    CliRun apply =
        run("--quiet", "delta", "apply", v1.toString(), delta.toString(), "-o", out.toString());
    assertThat(apply.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(apply.err()).contains("truncated");
    assertThat(out).doesNotExist();
    assertThat(run("delta", "info", delta.toString()).exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void refusesToWriteOverAnInput() throws Exception {
    Path delta = create(v1, v2, "d12.cidelta");
    byte[] before = Files.readAllBytes(v1);
    CliRun apply =
        run("--quiet", "delta", "apply", v1.toString(), delta.toString(), "-o", v1.toString());
    assertThat(apply.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(apply.err()).contains("is the same file as input");
    assertThat(Files.readAllBytes(v1)).isEqualTo(before);
  }

  @Test
  void appliesAChainAndNamesTheMissingLink() throws Exception {
    Path d12 = create(v1, v2, "d12.cidelta");
    Path d23 = create(v2, v3, "d23.cidelta");
    Path out = dir.resolve("out.raw");
    CliRun chain =
        run(
            "--quiet",
            "delta",
            "apply",
            v1.toString(),
            d12.toString(),
            d23.toString(),
            "-o",
            out.toString());
    assertThat(chain.exitCode()).as(chain.err()).isZero();
    assertThat(Files.mismatch(out, v3)).isEqualTo(-1);

    Files.delete(out);
    CliRun reversed =
        run(
            "--quiet",
            "delta",
            "apply",
            v1.toString(),
            d23.toString(),
            d12.toString(),
            "-o",
            out.toString());
    assertThat(reversed.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(reversed.err()).contains("out of order").contains("give them as " + d12 + " " + d23);
    assertThat(out).doesNotExist();
  }

  @Test
  void compactsAChainIntoOneDelta() throws Exception {
    Path d12 = create(v1, v2, "d12.cidelta", "--block-size", "128K");
    Path d23 = create(v2, v3, "d23.cidelta", "--block-size", "128K");
    Path merged = dir.resolve("d13.cidelta");
    CliRun compact =
        run(
            "--quiet",
            "--json",
            "delta",
            "compact",
            v1.toString(),
            d12.toString(),
            d23.toString(),
            "-o",
            merged.toString());
    assertThat(compact.exitCode()).as(compact.err()).isZero();
    JsonNode o = JSON.readTree(compact.out());
    assertThat(o.path("blockSize").asLong()).isEqualTo(128 * 1024);
    Path out = dir.resolve("out.raw");
    assertThat(
            run("--quiet", "delta", "apply", v1.toString(), merged.toString(), "-o", out.toString())
                .exitCode())
        .isZero();
    assertThat(Files.mismatch(out, v3)).isEqualTo(-1);
  }

  @Test
  void aBadBlockSizeIsAUsageError() {
    CliRun r =
        run(
            "delta",
            "create",
            v1.toString(),
            v2.toString(),
            "-o",
            dir.resolve("d").toString(),
            "--block-size",
            "3000");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("power of two");
    assertThat(
            run(
                    "delta",
                    "create",
                    v1.toString(),
                    v2.toString(),
                    "-o",
                    dir.resolve("d").toString(),
                    "--mode",
                    "xor")
                .exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }
}
