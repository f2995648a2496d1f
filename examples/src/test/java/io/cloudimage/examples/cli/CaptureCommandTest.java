package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureCommandTest {
  @TempDir Path tmp;

  @Test
  void capturesThisHostAsJsonWithoutFailing() {
    CliRun run = CliRun.of("--json", "capture");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"filesystems\"", "\"network\"", "\"preparation\"");
  }

  @Test
  void aBareHostRootGivesWarningsNotAFailure() {
    CliRun run = CliRun.of("--json", "capture", "--host-root", tmp.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("cannot read /proc/self/mountinfo");
  }
}
