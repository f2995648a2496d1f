package io.cloudimage.core.lifecycle.execute;

import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.local.LocalProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Applies {@code DIR/plan.json} to the local home {@code DIR/home}; the crash test kills it. */
public final class LocalCrashRunner {
  private LocalCrashRunner() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    Clock clock = Clock.fixed(Instant.parse(args[1]), ZoneOffset.UTC);
    Plan plan = Plan.read(dir.resolve("plan.json"));
    try (LocalProvider local =
        LocalProvider.builder().home(dir.resolve("home")).clock(clock).build()) {
      PlanExecutor executor =
          PlanExecutor.builder()
              .provider(local)
              .journal(dir.resolve("journal"))
              .clock(clock)
              .errorBudget(1000)
              .build();
      System.out.println("READY");
      System.out.flush();
      ApplyResult result = executor.apply(plan);
      System.out.println(result.complete() ? "COMPLETE" : "INCOMPLETE " + result.results());
      System.exit(result.complete() ? 0 : 2);
    }
  }
}
