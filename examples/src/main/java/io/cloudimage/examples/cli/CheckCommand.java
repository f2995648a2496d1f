package io.cloudimage.examples.cli;

import io.cloudimage.bench.check.CheckList;
import io.cloudimage.bench.check.CheckReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cloudimage check}: functional checks of a running image, in one report. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Functional checks of a running image: HTTP answers, TCP ports open, MySQL/MariaDB"
            + " greets; exit 1 when one fails.")
final class CheckCommand implements Callable<Integer> {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  @Option(names = "--http", paramLabel = "URL", description = "Must answer 2xx or 3xx; repeatable.")
  List<String> http = new ArrayList<>();

  @Option(names = "--tcp", paramLabel = "HOST:PORT", description = "Must accept; repeatable.")
  List<String> tcp = new ArrayList<>();

  @Option(
      names = "--mysql",
      paramLabel = "HOST:PORT",
      description = "A MySQL or MariaDB server that must greet; repeatable.")
  List<String> mysql = new ArrayList<>();

  @Option(
      names = "--load",
      paramLabel = "URL",
      description =
          "A load run through wrk (--load-seconds, --load-connections, --min-rps); repeatable.")
  List<String> load = new ArrayList<>();

  @Option(
      names = "--load-seconds",
      paramLabel = "S",
      description = "How long each load run sends requests (default 10).")
  long loadSeconds = 10;

  @Option(
      names = "--load-connections",
      paramLabel = "N",
      description = "Connections of each load run (default 16).")
  int loadConnections = 16;

  @Option(
      names = "--min-rps",
      paramLabel = "RATE",
      description = "The slowest acceptable request rate of a load run (default 0: no floor).")
  double minRequestsPerSecond = 0;

  @Option(
      names = "--gpus",
      paramLabel = "N",
      description = "At least N NVIDIA GPUs must answer nvidia-smi with a driver.")
  int gpus = 0;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "How long each check waits (default 5).")
  double timeoutSeconds = 5;

  @Override
  public Integer call() {
    if (http.isEmpty() && tcp.isEmpty() && mysql.isEmpty() && load.isEmpty() && gpus == 0) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this),
          "give at least one of --http, --tcp, --mysql, --load, --gpus");
    }
    if (!(timeoutSeconds > 0 && timeoutSeconds <= 3600)) {
      throw new io.cloudimage.core.error.InvalidInputException(
          "--timeout must be between 0 and 3600 seconds, was " + timeoutSeconds);
    }
    CheckList.Builder list =
        CheckList.builder().timeout(Duration.ofMillis(Math.round(timeoutSeconds * 1000)));
    http.forEach(list::http);
    tcp.forEach(list::tcp);
    mysql.forEach(list::mysql);
    if (gpus > 0) {
      list.gpu(gpus);
    }
    for (String url : load) {
      list.load(url, Duration.ofSeconds(loadSeconds), loadConnections, minRequestsPerSecond);
    }
    CheckReport report = list.build().run();
    if (root.json) {
      Output.json(report.toJson());
    } else {
      System.out.print(report.toText());
    }
    return report.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
