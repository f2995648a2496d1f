package io.cloudimage.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.execute.ActionResult;
import io.cloudimage.core.lifecycle.execute.ApplyResult;
import io.cloudimage.core.lifecycle.execute.PlanExecutor;
import io.cloudimage.core.lifecycle.execute.Status;
import io.cloudimage.core.lifecycle.plan.JsonStyle;
import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import io.cloudimage.core.lifecycle.plan.LifecycleReport;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.plan.PlannedAction;
import io.cloudimage.core.lifecycle.plan.SkippedAction;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.pricing.StorageCost;
import io.cloudimage.core.pricing.TierPrices;
import io.cloudimage.core.progress.Cancellation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cloudimage lifecycle …}: plan, apply and audit retirement by policy. */
@Command(
    name = "lifecycle",
    mixinStandardHelpOptions = true,
    description = "Plan and apply lifecycle policies; verify the audit journal; report KPIs.",
    subcommands = {
      LifecycleCommand.PlanCommand.class,
      LifecycleCommand.Apply.class,
      JournalCommand.class,
      LifecycleCommand.Report.class
    })
final class LifecycleCommand {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  static LifecyclePolicy policy(String spec) {
    return "default".equals(spec)
        ? LifecyclePolicy.defaultPolicy()
        : LifecyclePolicy.read(Path.of(spec));
  }

  private static final java.util.regex.Pattern SHORT_DURATION =
      java.util.regex.Pattern.compile("(\\d{1,9})([dhms])");

  /** Reads a duration written as {@code 36h}, {@code 2d}, {@code 90m}, {@code 30s} or ISO-8601. */
  static Duration duration(String text, String option) {
    java.util.regex.Matcher m = SHORT_DURATION.matcher(text.trim());
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "d":
          d = Duration.ofDays(n);
          break;
        case "h":
          d = Duration.ofHours(n);
          break;
        case "m":
          d = Duration.ofMinutes(n);
          break;
        default:
          d = Duration.ofSeconds(n);
      }
    } else {
      try {
        d = Duration.parse(text.trim());
      } catch (java.time.format.DateTimeParseException e) {
        throw new InvalidInputException(
            option + " '" + text + "' is not a duration; write it as 24h, 2d, 90m or PT24H", e);
      }
    }
    if (d.isNegative() || d.isZero()) {
      throw new InvalidInputException(option + " must be positive, was '" + text + "'");
    }
    return d;
  }

  static TierPrices prices(ImageProvider provider) {
    return provider.tierPrices();
  }

  /** {@code lifecycle plan}: pure planning, printed as the plan file {@code apply} takes. */
  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = "Plan what a policy would do (no changes). --json prints the plan file.")
  static final class PlanCommand implements Callable<Integer> {
    @ParentCommand LifecycleCommand lifecycle = new LifecycleCommand();

    @Option(
        names = "--policy",
        required = true,
        paramLabel = "FILE|default",
        description = "A YAML or JSON policy file, or `default` for the shipped policy.")
    String policy = "default";

    @Mixin InventoryOption inventory = new InventoryOption();

    @Option(
        names = "--now",
        paramLabel = "INSTANT",
        description = "Plan as of this ISO-8601 instant.")
    @Nullable Instant now;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Also write the plan file here.")
    @Nullable Path output;

    @Override
    public Integer call() {
      LifecyclePolicy chosen = policy(policy);
      Instant at = now;
      Clock clock = at == null ? Clock.systemUTC() : Clock.fixed(at, ZoneOffset.UTC);
      Plan plan;
      Path file = inventory.file();
      if (file != null) {
        plan =
            LifecyclePlanner.builder()
                .prices(TierPrices.localDefaults())
                .build()
                .plan(Inventory.file(file), chosen, clock);
      } else {
        try (ImageProvider provider = lifecycle.root.openProvider()) {
          plan =
              LifecyclePlanner.builder()
                  .prices(prices(provider))
                  .build()
                  .plan(Inventory.of(provider), chosen, clock)
                  .withRecoveryWindows(provider::recoveryWindow);
        }
      }
      Path out = output;
      if (out != null) {
        plan.write(out);
      }
      if (lifecycle.root.json) {
        plan.writeJson(System.out, JsonStyle.PRETTY);
        System.out.println();
      } else {
        print(plan);
      }
      return ExitCodes.OK;
    }

    static void print(Plan plan) {
      System.out.println(
          "plan "
              + plan.digest()
              + " (policy "
              + plan.policy()
              + ", as of "
              + plan.createdAt()
              + ")");
      for (PlannedAction a : plan.actions()) {
        System.out.printf(
            Locale.ROOT,
            "  %-12s %-22s saves %-14s %s%n",
            a.action(),
            a.resource(),
            a.monthlySaving().rounded(),
            a.reason());
      }
      for (SkippedAction s : plan.skipped()) {
        System.out.println("  skipped " + s);
      }
      System.out.println(
          plan.actions().size()
              + " actions, saving "
              + plan.monthlySaving().rounded()
              + " a month");
    }
  }

  /** {@code lifecycle apply}: execute a plan file, journaled; a dry run without {@code --yes}. */
  @Command(
      name = "apply",
      mixinStandardHelpOptions = true,
      description = "Execute a plan (dry run without --yes), journaled and resumable.")
  static final class Apply implements Callable<Integer> {
    @ParentCommand LifecycleCommand lifecycle = new LifecycleCommand();

    @Option(
        names = "--plan",
        required = true,
        paramLabel = "FILE",
        description = "The plan file from `lifecycle plan --json`.")
    Path plan = Path.of("");

    @Option(
        names = "--journal",
        required = true,
        paramLabel = "DIR",
        description = "The audit journal folder.")
    Path journal = Path.of("");

    @Option(names = "--yes", description = "Act; without it nothing changes.")
    boolean yes;

    @Option(
        names = "--max-plan-age",
        paramLabel = "D",
        description =
            "Refuse plans older than this (default 24h; as 36h, 2d, 90m or PT36H). Plans dated in"
                + " the future are always refused.")
    @Nullable String maxPlanAge;

    @Override
    public Integer call() {
      Plan read = Plan.read(plan);
      ApplyResult result;
      try (ImageProvider provider = lifecycle.root.openProvider()) {
        PlanExecutor.Builder b =
            PlanExecutor.builder()
                .provider(provider)
                .journal(journal)
                .prices(prices(provider))
                .listener(lifecycle.root.progress())
                .cancellation(Cancellation.create());
        String age = maxPlanAge;
        if (age != null) {
          b.maxPlanAge(duration(age, "--max-plan-age"));
        }
        PlanExecutor executor = b.build();
        result = yes ? executor.apply(read) : executor.dryRun(read);
      }
      if (lifecycle.root.json) {
        ObjectNode json = Output.object();
        json.put("plan", result.planDigest());
        json.put("dryRun", result.dryRun());
        if (result.stoppedBy() == null) {
          json.putNull("stoppedBy");
        } else {
          json.put("stoppedBy", result.stoppedBy());
        }
        ArrayNode list = json.putArray("results");
        for (ActionResult r : result.results()) {
          list.addObject()
              .put("resource", r.resource())
              .put("action", r.action().name())
              .put("status", r.status().name())
              .put("detail", r.detail());
        }
        Output.json(json);
      } else {
        for (ActionResult r : result.results()) {
          System.out.printf(
              Locale.ROOT,
              "  %-12s %-22s %-12s %s%n",
              r.action(),
              r.resource(),
              r.status(),
              r.detail());
        }
        System.out.println(
            (result.dryRun() ? "dry run: nothing changed; add --yes to act" : "applied")
                + (result.stoppedBy() == null ? "" : "; stopped by " + result.stoppedBy()));
      }
      return result.count(Status.FAILED) > 0 || result.stoppedBy() != null
          ? ExitCodes.PROVIDER
          : ExitCodes.OK;
    }
  }

  /** {@code lifecycle report}: the KPIs. */
  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = "Reuse rate, storage cost, images and snapshots by tier and age.")
  static final class Report implements Callable<Integer> {
    @ParentCommand LifecycleCommand lifecycle = new LifecycleCommand();

    @Mixin InventoryOption inventory = new InventoryOption();

    @Override
    public Integer call() {
      LifecycleReport report;
      Path file = inventory.file();
      if (file != null) {
        report =
            LifecycleReport.of(
                Inventory.file(file),
                StorageCost.of(TierPrices.localDefaults()),
                List.of(),
                Clock.systemUTC());
      } else {
        try (ImageProvider provider = lifecycle.root.openProvider()) {
          report =
              LifecycleReport.of(
                  Inventory.of(provider),
                  StorageCost.of(prices(provider)),
                  List.of(),
                  Clock.systemUTC());
        }
      }
      if (lifecycle.root.json) {
        ObjectNode json = Output.object();
        json.put("asOf", report.asOf().toString());
        json.put("images", report.images());
        json.put("snapshots", report.snapshots());
        json.put("reuseRate", report.reuseRate());
        json.put("reuseOnTarget", report.reuseOnTarget());
        json.put("monthlyCost", report.monthlyCost().rounded().toString());
        ObjectNode tiers = json.putObject("byTier");
        report.byTier().forEach((t, n) -> tiers.put(t.name(), n));
        ObjectNode ages = json.putObject("byAge");
        report.byAge().forEach(ages::put);
        Output.json(json);
      } else {
        System.out.printf(
            Locale.ROOT,
            "images %d, snapshots %d, reuse rate %.0f%% (target %.0f%%), storage %s a month%n",
            report.images(),
            report.snapshots(),
            report.reuseRate() * 100,
            LifecycleReport.REUSE_TARGET * 100,
            report.monthlyCost().rounded());
        System.out.println("by tier: " + report.byTier());
        System.out.println("by age:  " + report.byAge());
      }
      return ExitCodes.OK;
    }
  }
}
