package io.cloudimage.bench.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.host.Command;
import io.cloudimage.core.host.CommandRunner;
import io.cloudimage.core.host.LocalCommandRunner;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.testing.RequiredTools;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobFileTest {
  @Test
  void readsAFioJob() {
    BenchJob job =
        JobFile.parse(
            "tool: fio\nname: rr\nrw: randread\nbs: 4k\niodepth: 8\nnumjobs: 2\nsize: 1G\n"
                + "runtime: 60s\ndirect: true\nioengine: libaio\nfilename: /dev/vdb\ntimeout: 5m\n",
            "job.yaml");
    assertThat(job).isInstanceOf(FioJob.class);
    assertThat(job.command().argv())
        .contains("--rw=randread", "--iodepth=8", "--direct=1", "--filename=/dev/vdb", "--size=1g");
    assertThat(job.command().timeout()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void readsAStressNgJob() {
    BenchJob job =
        JobFile.parse(
            "tool: stress-ng\nduration: 2s\nstressors:\n  - {name: cpu, workers: 1, method: fft}\n"
                + "  - {name: vm, workers: 1, options: {bytes: 16M}}\n",
            "s.yaml");
    assertThat(job.command().argv())
        .containsSubsequence(
            "--cpu", "1", "--cpu-method", "fft", "--vm-bytes", "16M", "--timeout", "2s");
  }

  @Test
  void badJobFilesNameTheFileAndTheKey() {
    assertThatThrownBy(
            () -> JobFile.parse("tool: fio\nrw: randread\nsize: 1G\nbogus: 1\n", "j.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("j.yaml: unknown key 'bogus'");
    assertThatThrownBy(
            () ->
                JobFile.parse(
                    "tool: fio\nrw: randread\nsize: 1G\niodepth: 0\nfilename: /x\n", "j.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("j.yaml: ioDepth must be between 1 and 4096");
    assertThatThrownBy(() -> JobFile.parse("tool: perf\n", "j.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("tool must be fio or stress-ng");
    assertThatThrownBy(() -> JobFile.parse("tool: fio\n  rw: [\n", "j.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("j.yaml: malformed job file at line");
  }

  @Test
  void aJobPastItsTimeoutIsKilledAndTheOutcomeSaysSo() {
    RequiredTools.command("stress-ng");
    BenchJob job =
        StressNgJob.builder()
            .stressor("cpu", 1)
            .duration(Duration.ofSeconds(20))
            .timeout(Duration.ofSeconds(21))
            .build();
    // The real local runner, given the job's command with a 1 s timeout: stress-ng cannot finish.
    LocalCommandRunner local = new LocalCommandRunner();
    CommandRunner shortened =
        (command, cancel) ->
            local.run(
                new Command(command.argv(), Duration.ofSeconds(1), command.outputLimit()), cancel);
    JobOutcome o = JobOutcome.run(job, shortened, Cancellation.never());
    assertThat(o.succeeded()).isFalse();
    assertThat(o.result().timedOut()).isTrue();
    assertThat(o.failure())
        .hasValueSatisfying(f -> assertThat(f).contains("ran past its timeout").contains("killed"));
  }

  @Test
  void aRealStressNgJobRunsAndIsParsed() {
    RequiredTools.command("stress-ng");
    BenchJob job = StressNgJob.builder().stressor("cpu", 1).duration(Duration.ofSeconds(1)).build();
    JobOutcome o = JobOutcome.run(job, new LocalCommandRunner(), Cancellation.never());
    assertThat(o.failure()).isEmpty();
    assertThat(o.measurements().orElseThrow().metric("cpu.bogo-ops-per-second-real")).isPresent();
  }
}
