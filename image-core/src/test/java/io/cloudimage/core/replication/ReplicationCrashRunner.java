package io.cloudimage.core.replication;

import io.cloudimage.core.local.LocalProvider;
import java.nio.file.Path;

/** Runs {@code DIR/plan.yaml} from the home {@code DIR/eu} with the journal {@code DIR/journal}. */
public final class ReplicationCrashRunner {
  private ReplicationCrashRunner() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    ReplicationPlan plan = ReplicationPlan.read(dir.resolve("plan.yaml"));
    try (LocalProvider eu = LocalProvider.builder().home(dir.resolve("eu")).build()) {
      Replicator replicator =
          Replicator.builder()
              .source(eu)
              .journal(dir.resolve("journal"))
              .workDir(dir.resolve("work"))
              .build();
      System.out.println("READY");
      System.out.flush();
      ReplicationReport report = replicator.run(plan);
      System.out.println(report.complete() ? "COMPLETE" : "INCOMPLETE " + report.results());
      System.exit(report.complete() ? 0 : 2);
    }
  }
}
