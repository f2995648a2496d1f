package io.cloudimage.bench.job;

import io.cloudimage.core.host.Command;

/**
 * A benchmark that one command runs and whose standard output is the tool's machine-readable
 * result: fio's JSON or stress-ng's YAML.
 */
public sealed interface BenchJob permits FioJob, StressNgJob {
  /** The tool's name, {@code fio} or {@code stress-ng}, as {@code bench parse} takes it. */
  String tool();

  /** The command line, with the timeout after which the runner kills it. */
  Command command();
}
