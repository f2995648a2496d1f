package io.cloudimage.bench.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.host.CommandResult;
import io.cloudimage.core.host.LocalCommandRunner;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.testing.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FioJobTest {
  @TempDir Path dir;

  private FioJob.Builder small() {
    return FioJob.builder()
        .name("small")
        .pattern(IoPattern.RANDRW)
        .readPercent(70)
        .blockSize("4k")
        .size("2M")
        .ioDepth(4)
        .numJobs(2)
        .runtime(Duration.ofSeconds(1))
        .directory(dir);
  }

  @Test
  void buildsTheCommandLineFioReads() {
    assertThat(small().build().command().argv())
        .containsExactly(
            "fio",
            "--name=small",
            "--rw=randrw",
            "--rwmixread=70",
            "--bs=4k",
            "--size=2m",
            "--ioengine=psync",
            "--iodepth=4",
            "--numjobs=2",
            "--direct=0",
            "--directory=" + dir,
            "--runtime=1000ms",
            "--time_based",
            "--output-format=json");
  }

  @Test
  void writesTheSameJobAsAJobFile() {
    assertThat(small().build().jobFile())
        .startsWith("[small]\nrw=randrw\nrwmixread=70\nbs=4k\n")
        .contains("\ntime_based\n");
  }

  @Test
  void escapesColonsInTheTargetAsFioRequires() {
    FioJob job = FioJob.builder().pattern("read").size(4096).target(Path.of("/tmp/a:b")).build();
    assertThat(job.command().argv()).contains("--filename=/tmp/a\\:b");
  }

  @Test
  void rejectsBadValuesNamingTheOption() {
    assertThatThrownBy(() -> FioJob.builder().ioDepth(0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ioDepth must be between 1 and 4096");
    assertThatThrownBy(() -> FioJob.builder().pattern("sideways"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown fio rw mode 'sideways'")
        .hasMessageContaining("randread");
    assertThatThrownBy(() -> FioJob.builder().blockSize("4q"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("blockSize: '4q' is not a size");
    assertThatThrownBy(() -> FioJob.builder().ioEngine("windowsaio"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown fio ioengine");
    assertThatThrownBy(() -> FioJob.builder().numJobs(5000))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("numJobs");
  }

  @Test
  void rejectsOptionsThatContradictEachOther() {
    assertThatThrownBy(
            () -> FioJob.builder().pattern("read").readPercent(50).size("1M").target(dir).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("rwmixread")
        .hasMessageContaining("rw=read");
    assertThatThrownBy(
            () ->
                FioJob.builder()
                    .pattern("read")
                    .direct(true)
                    .blockSize(1000)
                    .size("1M")
                    .target(dir)
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("multiple of 512");
    assertThatThrownBy(
            () -> small().runtime(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(5)).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("must be longer than runtime");
  }

  @Test
  void runsWithRealFioAndLeavesItsJsonOnStdout() throws Exception {
    RequiredTools.command("fio");
    CommandResult r = new LocalCommandRunner().run(small().build().command(), Cancellation.never());
    assertThat(r.succeeded()).as(r.stderr()).isTrue();
    assertThat(r.stdout()).contains("\"fio version\"").contains("\"jobname\" : \"small\"");
    assertThat(Files.list(dir).count()).isEqualTo(2);
  }

  @Test
  void runsAJobFileWithRealFio() throws Exception {
    RequiredTools.command("fio");
    Path file = dir.resolve("small.fio");
    Files.writeString(file, small().build().jobFile());
    CommandResult r =
        new LocalCommandRunner()
            .run(
                io.cloudimage.core.host.Command.of(
                    java.util.List.of("fio", "--output-format=json", file.toString()),
                    Duration.ofSeconds(60)),
                Cancellation.never());
    assertThat(r.succeeded()).as(r.stderr()).isTrue();
    assertThat(r.stdout()).contains("\"rwmixread\" : \"70\"");
  }
}
