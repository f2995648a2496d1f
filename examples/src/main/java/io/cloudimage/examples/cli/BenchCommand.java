package io.cloudimage.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.bench.compare.Comparer;
import io.cloudimage.bench.compare.Comparison;
import io.cloudimage.bench.compare.MetricComparison;
import io.cloudimage.bench.compare.RepeatedRuns;
import io.cloudimage.bench.job.BenchJob;
import io.cloudimage.bench.job.JobFile;
import io.cloudimage.bench.job.JobOutcome;
import io.cloudimage.bench.parse.DriverSeries;
import io.cloudimage.bench.parse.GpuStatus;
import io.cloudimage.bench.parse.Measurements;
import io.cloudimage.bench.parse.Metric;
import io.cloudimage.bench.parse.ResultFormat;
import io.cloudimage.bench.report.HtmlReport;
import io.cloudimage.bench.run.SshCommandRunner;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.host.CommandRunner;
import io.cloudimage.core.host.LocalCommandRunner;
import io.cloudimage.core.progress.Cancellation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cloudimage bench}: run fio and stress-ng jobs, parse tools' outputs, compare images. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks: run jobs, parse results, compare two images.",
    subcommands = {BenchCommand.Run.class, BenchCommand.Parse.class, BenchCommand.Compare.class})
final class BenchCommand {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  /** {@code bench run JOB}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description =
          "Run a fio or stress-ng job file, N times; exit 1 when a run failed or was killed at"
              + " its timeout.")
  static final class Run implements Callable<Integer> {
    @ParentCommand BenchCommand bench = new BenchCommand();

    @Parameters(paramLabel = "JOB", description = "The job file (YAML or JSON).")
    Path job = Path.of("");

    @Option(names = "--repeat", paramLabel = "N", description = "Runs (default 1).")
    int repeat = 1;

    @Option(
        names = "--output",
        paramLabel = "DIR",
        description = "Keep each successful run's raw output here, for bench compare.")
    @Nullable Path output;

    @Option(
        names = "--ssh",
        paramLabel = "USER@HOST[:PORT]",
        description = "Run on this machine over SSH instead of locally.")
    @Nullable String ssh;

    @Option(
        names = "--identity",
        paramLabel = "KEY",
        description = "With --ssh: the private key file (default ~/.ssh/id_ecdsa).")
    @Nullable Path identity;

    @Option(
        names = "--known-hosts",
        paramLabel = "FILE",
        description =
            "With --ssh: the known_hosts file holding the host's key (default ~/.ssh/known_hosts).")
    @Nullable Path knownHosts;

    private CommandRunner runner() {
      String target = ssh;
      if (target == null) {
        return new LocalCommandRunner();
      }
      int at = target.indexOf('@');
      if (at <= 0) {
        throw new InvalidInputException(
            "--ssh must be USER@HOST or USER@HOST:PORT, was '" + target + "'");
      }
      String host = target.substring(at + 1);
      int port = 22;
      int colon = host.lastIndexOf(':');
      if (colon > 0 && !host.endsWith("]")) {
        try {
          port = Integer.parseInt(host.substring(colon + 1));
        } catch (NumberFormatException e) {
          throw new InvalidInputException("--ssh: port in '" + target + "' is not a number", e);
        }
        host = host.substring(0, colon);
      }
      Path home = Path.of(System.getProperty("user.home"), ".ssh");
      Path key = identity;
      Path known = knownHosts;
      return SshCommandRunner.builder()
          .user(target.substring(0, at))
          .host(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)
          .port(port)
          .identity(key != null ? key : home.resolve("id_ecdsa"))
          .knownHosts(known != null ? known : home.resolve("known_hosts"))
          .build();
    }

    @Override
    public Integer call() {
      if (repeat < 1 || repeat > 1000) {
        throw new InvalidInputException("--repeat must be between 1 and 1000, was " + repeat);
      }
      BenchJob definition = JobFile.read(job);
      Path out = output;
      if (out != null) {
        try {
          Files.createDirectories(out);
        } catch (IOException e) {
          throw new InvalidInputException("cannot create " + out + ": " + e.getMessage(), e);
        }
      }
      ArrayNode runs = Output.array();
      int failed = 0;
      try (CommandRunner runner = runner()) {
        for (int i = 1; i <= repeat; i++) {
          JobOutcome o = JobOutcome.run(definition, runner, Cancellation.never());
          ObjectNode r = runs.addObject();
          r.put("run", i);
          r.put("exitCode", o.result().exitCode());
          r.put("timedOut", o.result().timedOut());
          r.put("elapsedSeconds", o.result().elapsed().toMillis() / 1000.0);
          if (o.failure().isPresent()) {
            failed++;
            r.put("failure", o.failure().get());
          } else {
            r.putNull("failure");
          }
          Measurements m = o.measurements().orElse(null);
          if (m != null) {
            r.set("measurements", Output.tree(m.toJson()));
            if (out != null) {
              String ext = definition.tool().equals("fio") ? ".json" : ".yaml";
              write(
                  out.resolve(String.format(Locale.ROOT, "run-%03d%s", i, ext)),
                  o.result().stdout());
            }
          }
          if (!bench.root.json) {
            System.out.println(
                "run "
                    + i
                    + ": "
                    + o.failure().orElse("ok in " + o.result().elapsed().toMillis() + " ms"));
            if (m != null) {
              printMetrics(m);
            }
          }
        }
      }
      if (bench.root.json) {
        ObjectNode doc = Output.object();
        doc.put("job", job.toString());
        doc.put("tool", definition.tool());
        ArrayNode argv = doc.putArray("command");
        definition.command().argv().forEach(argv::add);
        doc.set("runs", runs);
        Output.json(doc);
      }
      return failed == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static void write(Path file, String text) {
      try {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".run", ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }
  }

  /** {@code bench parse TOOL FILE}. */
  @Command(
      name = "parse",
      mixinStandardHelpOptions = true,
      description =
          "Print a tool's output as normalised metrics. TOOL: fio, stress-ng, systemd, cloud-init,"
              + " iostat, nvidia-smi, meminfo, wrk, jmeter.")
  static final class Parse implements Callable<Integer> {
    @ParentCommand BenchCommand bench = new BenchCommand();

    @Parameters(index = "0", paramLabel = "TOOL")
    String tool = "";

    @Parameters(index = "1", paramLabel = "FILE")
    Path file = Path.of("");

    @Override
    public Integer call() {
      ResultFormat format = ResultFormat.named(tool);
      Measurements m = format.read(file);
      if (bench.root.json) {
        ObjectNode doc = Output.tree(m.toJson());
        if (format == ResultFormat.NVIDIA_SMI) {
          ArrayNode drivers = doc.putArray("drivers");
          for (DriverSeries.Decision d : decisions(file)) {
            drivers.addObject().put("action", d.action().name()).put("reason", d.reason());
          }
        }
        Output.json(doc);
      } else {
        printMetrics(m);
        if (format == ResultFormat.NVIDIA_SMI) {
          decisions(file).forEach(d -> System.out.println(d.action() + ": " + d.reason()));
        }
      }
      return ExitCodes.OK;
    }

    private static List<DriverSeries.Decision> decisions(Path file) {
      String text;
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
      }
      return GpuStatus.parse(text, List.of(), file.toString()).stream()
          .filter(g -> g.name().isPresent() && g.driverVersion().isPresent())
          .map(g -> DriverSeries.decide(g.name().orElseThrow(), g.driverVersion().orElseThrow()))
          .toList();
    }
  }

  /** {@code bench compare A B}. */
  @Command(
      name = "compare",
      mixinStandardHelpOptions = true,
      description =
          "Compare two result files, or two folders of repeated runs; exit 1 when B regresses"
              + " beyond the threshold.")
  static final class Compare implements Callable<Integer> {
    @ParentCommand BenchCommand bench = new BenchCommand();

    @Parameters(index = "0", paramLabel = "A", description = "The reference image's results.")
    Path a = Path.of("");

    @Parameters(index = "1", paramLabel = "B", description = "The candidate image's results.")
    Path b = Path.of("");

    @Option(
        names = "--report",
        paramLabel = "FILE.html",
        description = "Also write a self-contained HTML report with charts.")
    @Nullable Path report;

    @Option(
        names = "--threshold",
        paramLabel = "PERCENT",
        description = "A worse metric beyond this change is a regression (default 3).")
    double threshold = 3;

    @Option(names = "--seed", paramLabel = "N", description = "The bootstrap's seed (default 1).")
    long seed = 1;

    @Override
    public Integer call() {
      if (!(threshold >= 0 && threshold <= 100)) {
        throw new InvalidInputException("--threshold must be a percentage from 0 to 100");
      }
      Comparison c =
          Comparer.builder()
              .threshold(threshold / 100)
              .seed(seed)
              .build()
              .compare(RepeatedRuns.read(a), RepeatedRuns.read(b));
      if (c.metrics().isEmpty()) {
        throw new InvalidInputException(
            a + " and " + b + " have no metric in common; are they results of the same job?");
      }
      Path r = report;
      if (r != null) {
        HtmlReport.write(c, r);
      }
      if (bench.root.json) {
        Output.json(c.toJson());
      } else {
        for (MetricComparison m : c.metrics()) {
          System.out.println(m.explanation());
        }
        if (r != null) {
          System.out.println("report: " + r);
        }
      }
      return c.regressions().isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
  }

  static void printMetrics(Measurements m) {
    for (Metric x : m.metrics()) {
      System.out.println(
          String.format(Locale.ROOT, "  %-40s %16.6g %s", x.name(), x.value(), x.unit()));
    }
  }
}
