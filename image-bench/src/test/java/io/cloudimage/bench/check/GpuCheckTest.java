package io.cloudimage.bench.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.host.Command;
import io.cloudimage.core.host.CommandRunner;
import io.cloudimage.core.host.LocalCommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU check on a machine without a GPU: nvidia-smi is stood in for by a script that prints the
 * output recorded from a real two-GPU machine, run as a real process through the local runner.
 */
class GpuCheckTest {
  @TempDir Path dir;

  /** A runner that runs {@code script} where the check asks for nvidia-smi. */
  private static CommandRunner standIn(Path script) {
    LocalCommandRunner local = new LocalCommandRunner();
    return (command, cancel) -> {
      List<String> argv = new ArrayList<>(command.argv());
      argv.set(0, script.toString());
      return local.run(new Command(argv, command.timeout(), command.outputLimit()), cancel);
    };
  }

  private Path script(String body) throws IOException {
    Path s = dir.resolve("nvidia-smi");
    Files.writeString(s, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwx------"));
    return s;
  }

  private Path recorded() throws IOException {
    Path csv = dir.resolve("gpus.csv");
    try (InputStream in =
        Objects.requireNonNull(
            getClass()
                .getResourceAsStream("/io/cloudimage/bench/parse/nvidia-smi-query-gpu.csv"))) {
      Files.write(csv, in.readAllBytes());
    }
    return csv;
  }

  @Test
  void passesWhenEnoughGpusAnswerWithADriver() throws IOException {
    Path nvidiaSmi = script("cat '" + recorded() + "'");
    CheckResult r = GpuCheck.of(2, standIn(nvidiaSmi)).run(Duration.ofSeconds(10));
    assertThat(r.passed()).as(r.detail()).isTrue();
    assertThat(r.detail()).contains("2 GPU(s)").contains("Tesla K80 (driver 367.38, P8)");
  }

  @Test
  void failsWhenFewerGpusAnswerOrTheDriverFails() throws IOException {
    CheckResult few =
        GpuCheck.of(4, standIn(script("cat '" + recorded() + "'"))).run(Duration.ofSeconds(10));
    assertThat(few.passed()).isFalse();
    assertThat(few.detail()).contains("4 expected");
    CheckResult broken =
        GpuCheck.of(1, standIn(script("echo 'NVIDIA-SMI has failed' >&2; exit 9")))
            .run(Duration.ofSeconds(10));
    assertThat(broken.passed()).isFalse();
    assertThat(broken.detail()).contains("exit code 9");
  }

  @Test
  void noDriverInstalledFailsTheCheckWithTheReason() {
    CommandRunner missing =
        (command, cancel) ->
            new LocalCommandRunner()
                .run(
                    new Command(
                        List.of(dir.resolve("absent/nvidia-smi").toString()),
                        command.timeout(),
                        command.outputLimit()),
                    cancel);
    CheckResult r = GpuCheck.of(1, missing).run(Duration.ofSeconds(5));
    assertThat(r.passed()).isFalse();
    assertThat(r.detail()).startsWith("no NVIDIA driver answers");
  }
}
