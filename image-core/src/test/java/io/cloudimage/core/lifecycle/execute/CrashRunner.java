package io.cloudimage.core.lifecycle.execute;

import io.cloudimage.core.lifecycle.plan.Plan;
import java.nio.file.Path;

/** Applies {@code DIR/plan.json} to the file-backed provider in DIR; the crash test kills it. */
public final class CrashRunner {
  private CrashRunner() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    Plan plan = Plan.read(dir.resolve("plan.json"));
    FileFakeProvider provider = new FileFakeProvider(dir, Long.parseLong(args[1]));
    PlanExecutor executor =
        PlanExecutor.builder()
            .provider(provider.client())
            .journal(dir.resolve("journal"))
            .concurrency(Integer.parseInt(args[2]))
            .errorBudget(1000)
            .clock(
                java.time.Clock.fixed(
                    io.cloudimage.core.lifecycle.plan.Fixtures.NOW, java.time.ZoneOffset.UTC))
            .build();
    System.out.println("READY");
    System.out.flush();
    ApplyResult result = executor.apply(plan);
    System.out.println(result.complete() ? "COMPLETE" : "INCOMPLETE");
    System.exit(result.complete() ? 0 : 2);
  }
}
