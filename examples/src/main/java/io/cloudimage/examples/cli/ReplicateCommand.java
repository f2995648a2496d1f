package io.cloudimage.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.client.Providers;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.provider.ProviderConfig;
import io.cloudimage.core.replication.Location;
import io.cloudimage.core.replication.ReplicationPlan;
import io.cloudimage.core.replication.ReplicationReport;
import io.cloudimage.core.replication.ReplicationResult;
import io.cloudimage.core.replication.ReplicationStatus;
import io.cloudimage.core.replication.Replicator;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cloudimage replicate --plan FILE}: copies a plan's images to its destinations, resumable
 * with {@code --journal}.
 */
@Command(
    name = "replicate",
    mixinStandardHelpOptions = true,
    description =
        "Copy images to other homes, regions or accounts as a plan file says; verified by digest,"
            + " resumable after a crash with --journal.")
final class ReplicateCommand implements Callable<Integer> {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  @Option(
      names = "--plan",
      required = true,
      paramLabel = "FILE",
      description = "The replication plan (YAML or JSON): source, images, destinations.")
  Path plan = Path.of("");

  @Option(
      names = "--journal",
      paramLabel = "DIR",
      description = "A journal folder: a run after a crash finishes what was interrupted.")
  @Nullable Path journal;

  @Override
  public Integer call() {
    ReplicationPlan read = ReplicationPlan.read(plan);
    ReplicationReport report;
    try (ImageProvider source = open(read.source())) {
      Replicator.Builder b =
          Replicator.builder()
              .source(source)
              .listener(root.progress())
              .cancellation(Cancellation.create());
      Path j = journal;
      if (j != null) {
        b.journal(j);
      }
      report = b.build().run(read);
    }
    print(report);
    if (report.count(ReplicationStatus.VERIFICATION_FAILED) > 0) {
      return ExitCodes.CHECK_FAILED;
    }
    return report.complete() ? ExitCodes.OK : ExitCodes.PROVIDER;
  }

  private ImageProvider open(Location source) {
    if (source.isLocal()) {
      return LocalProvider.builder().home(source.requireHome()).build();
    }
    ProviderConfig config =
        ProviderConfig.DEFAULTS
            .withRegion(source.region())
            .withEndpoint(root.endpoint)
            .withProfile(root.profile);
    return Providers.open(source.provider(), config);
  }

  private void print(ReplicationReport report) {
    if (root.json) {
      ObjectNode json = Output.object();
      ArrayNode list = json.putArray("results");
      for (ReplicationResult r : report.results()) {
        ObjectNode o = list.addObject();
        o.put("image", r.target().imageId());
        o.put("destination", r.target().destination().label());
        o.put("status", r.status().name());
        o.put("transfer", r.transfer().name());
        if (r.destinationImageId() == null) {
          o.putNull("destinationImage");
        } else {
          o.put("destinationImage", r.destinationImageId());
        }
        o.put("bytesMoved", r.bytesMoved());
        o.put("fullBytes", r.fullBytes());
        o.put("detail", r.detail());
      }
      json.put("bytesMoved", report.bytesMoved());
      json.put("fullBytes", report.fullBytes());
      json.put("complete", report.complete());
      Output.json(json);
      return;
    }
    for (ReplicationResult r : report.results()) {
      System.out.printf(
          Locale.ROOT,
          "  %-22s -> %-30s %-19s %-13s %10s of %-10s %s%n",
          r.target().imageId(),
          r.target().destination().label(),
          r.status(),
          r.transfer(),
          Output.size(r.bytesMoved()),
          Output.size(r.fullBytes()),
          r.detail());
    }
    System.out.printf(
        Locale.ROOT,
        "moved %s of %s (%s)%n",
        Output.size(report.bytesMoved()),
        Output.size(report.fullBytes()),
        report.complete() ? "complete, every copy verified" : "incomplete");
  }
}
