package io.cloudimage.examples.cli.tour;

import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.journal.Verification;
import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.execute.ApplyResult;
import io.cloudimage.core.lifecycle.execute.PlanExecutor;
import io.cloudimage.core.lifecycle.execute.Status;
import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.plan.PlannedAction;
import io.cloudimage.core.lifecycle.plan.SkippedAction;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Plans the default lifecycle policy as of 120 days from now (so that the fresh samples have aged),
 * applies the plan with a journal, and verifies the journal's hash chain.
 */
final class LifecycleStep implements TourStep {
  private static final Duration AGE = Duration.ofDays(120);

  @Override
  public String title() {
    return "plan the default lifecycle policy as of 120 days from now, apply it, verify the journal";
  }

  @Override
  public void run(TourContext tour) {
    Clock later = Clock.offset(Clock.systemUTC(), AGE);
    Plan plan =
        LifecyclePlanner.builder()
            .prices(tour.local().tierPrices())
            .build()
            .plan(Inventory.of(tour.local()), LifecyclePolicy.defaultPolicy(), later);
    printPlan(tour, plan);
    Path journal = tour.workdir().resolve("journal");
    ApplyResult result =
        PlanExecutor.builder()
            .provider(tour.local())
            .journal(journal)
            .clock(later)
            .build()
            .apply(plan);
    tour.out()
        .println(
            "applied: "
                + result.count(Status.DONE)
                + " done, "
                + result.count(Status.SKIPPED)
                + " skipped, "
                + result.count(Status.FAILED)
                + " failed");
    Verification v = Journal.verify(journal);
    tour.out()
        .println(
            "journal "
                + (v.valid() ? "intact" : "BROKEN at line " + v.firstBadLine())
                + ": "
                + v.records()
                + " hash-chained records");
  }

  private static void printPlan(TourContext tour, Plan plan) {
    for (PlannedAction a : plan.actions()) {
      tour.out().println("  " + a.action() + " " + a.resource() + ": " + a.reason());
    }
    for (SkippedAction s : plan.skipped()) {
      tour.out().println("  not " + s.action() + " " + s.resource() + ": " + s.reason());
    }
    tour.out()
        .println(
            plan.actions().size()
                + " action(s), saving "
                + plan.monthlySaving().rounded()
                + " a month (plans count whole cents; these sample disks hold only MiB); plan "
                + plan.digest());
  }
}
