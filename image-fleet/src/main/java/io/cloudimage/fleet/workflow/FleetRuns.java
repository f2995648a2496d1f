package io.cloudimage.fleet.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.fleet.Fleet;
import io.cloudimage.fleet.Shard;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Fleet runs and their files: the plan run of a fleet, and the plans folder that {@code fleet plan
 * -o DIR} writes and {@code fleet apply --plans DIR} reads.
 *
 * <p>The plans folder holds {@value #SUMMARY} (the summary), {@value #APPLY_RUN} (the shards to
 * apply with their plans' digests), {@code blobs/} (the blob store) and a copy of each shard's plan
 * as {@code PROVIDER-ACCOUNT-REGION.plan.json}, which {@code lifecycle apply --plan} also takes.
 */
public final class FleetRuns {
  /** The summary file in a plans folder. */
  public static final String SUMMARY = "fleet-plan.json";

  /** The apply run file in a plans folder. */
  public static final String APPLY_RUN = "fleet-apply.json";

  /** How many shard tasks a task page of a stored run holds (the last may hold fewer). */
  public static final int SHARDS_PER_PAGE = 100;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FleetRuns() {}

  /** The run that plans every shard of {@code fleet} and applies nothing. */
  public static FleetRun plan(Fleet fleet) {
    List<ShardTask> tasks = new ArrayList<>();
    for (Shard s : fleet.shards()) {
      tasks.add(task(fleet, s, null, false));
    }
    return new FleetRun(fleet.name(), tasks, fleet.maxConcurrentShards(), fleet.maxFailedShards());
  }

  /** The run that plans and applies every shard of {@code fleet}. */
  public static FleetRun planAndApply(Fleet fleet) {
    List<ShardTask> tasks = new ArrayList<>();
    for (Shard s : fleet.shards()) {
      tasks.add(task(fleet, s, null, true));
    }
    return new FleetRun(fleet.name(), tasks, fleet.maxConcurrentShards(), fleet.maxFailedShards());
  }

  /**
   * The same run with its shards stored in {@code blobs}, a page of {@value #SHARDS_PER_PAGE} tasks
   * per blob: its input stays a few kilobytes whatever the fleet's size, and its shards' reports go
   * to the blob store too. A run already stored is returned as it is.
   */
  public static FleetRun store(FleetRun run, BlobStore blobs) {
    if (run.stored() || run.shards().isEmpty()) {
      return run;
    }
    List<String> pages = new ArrayList<>();
    List<ShardTask> all = run.shards();
    for (int p = 0; p < all.size(); p += SHARDS_PER_PAGE) {
      pages.add(
          FleetActivitiesImpl.write(
              blobs, all.subList(p, Math.min(all.size(), p + SHARDS_PER_PAGE))));
    }
    return new FleetRun(
        run.fleet(),
        List.of(),
        run.maxConcurrentShards(),
        run.maxFailedShards(),
        pages,
        all.size(),
        run.shardsPerRun(),
        run.shardsPerPlanBatch(),
        run.cursor());
  }

  /**
   * Every shard's report of {@code report}, in the fleet's order: the inline ones, or those of its
   * report pages read from {@code blobs}.
   */
  public static List<ShardReport> shardReports(FleetReport report, BlobStore blobs) {
    if (report.pages().isEmpty()) {
      return report.shards();
    }
    List<ShardReport> all = new ArrayList<>(report.shards());
    for (String page : report.pages()) {
      all.addAll(FleetActivitiesImpl.reports(blobs, page));
    }
    return all;
  }

  private static ShardTask task(Fleet fleet, Shard s, @Nullable String plan, boolean apply) {
    return new ShardTask(
        fleet.name(),
        s,
        fleet.policy(),
        fleet.callsPerSecondPerShard(),
        fleet.approval(),
        plan,
        apply,
        60);
  }

  /**
   * Writes a plan run's outcome into {@code dir}: the summary, the apply run of the shards that
   * have a plan, and a named copy of each plan.
   */
  public static void writePlans(Path dir, FleetRun planned, FleetReport report, BlobStore blobs) {
    try {
      Files.createDirectories(dir);
      List<ShardTask> apply = new ArrayList<>();
      for (int i = 0; i < report.shards().size(); i++) {
        ShardReport r = report.shards().get(i);
        String plan = r.plan();
        if (plan != null && r.status() == ShardStatus.PLANNED) {
          ShardTask t = planned.shards().get(i);
          apply.add(
              new ShardTask(
                  t.fleet(),
                  t.shard(),
                  t.policy(),
                  t.callsPerSecond(),
                  t.approval(),
                  plan,
                  true,
                  t.heartbeatSeconds()));
          Files.copy(
              blobs.get(plan),
              dir.resolve(r.shard().fileName() + ".plan.json"),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
      FleetRun applyRun =
          new FleetRun(
              planned.fleet(), apply, planned.maxConcurrentShards(), planned.maxFailedShards());
      MAPPER.writeValue(dir.resolve(APPLY_RUN).toFile(), applyRun);
      Files.writeString(dir.resolve(SUMMARY), summaryJson(report) + "\n");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write the plans to " + dir, e);
    }
  }

  /**
   * Reads the apply run from a plans folder.
   *
   * @throws NotFoundException when the folder holds no plans from {@code fleet plan -o}
   * @throws InvalidInputException when the file cannot be read
   */
  public static FleetRun readApplyRun(Path dir) {
    Path file = dir.resolve(APPLY_RUN);
    try {
      return MAPPER.readValue(Files.readAllBytes(file), FleetRun.class);
    } catch (NoSuchFileException e) {
      throw new NotFoundException(
          file + " does not exist; write the plans first with fleet plan --fleet FILE -o " + dir,
          e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": not a fleet apply run: " + e.getMessage(), e);
    }
  }

  /**
   * The summary as JSON: {@code {"fleet","shards":[{"provider","account","region","actions",
   * "monthlySaving","status","error"}],"monthlySaving"}}; savings are numbers in the plans'
   * currency (when shards differ in currency, {@code monthlySaving} is an object by currency).
   */
  public static String summaryJson(FleetReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("fleet", report.fleet());
    ArrayNode shards = root.putArray("shards");
    for (ShardReport r : report.shards()) {
      ObjectNode s = shards.addObject();
      s.put("provider", r.shard().provider());
      s.put("account", r.shard().account());
      s.put("region", r.shard().region());
      s.put("actions", r.actions());
      s.put("monthlySaving", r.monthlySaving().setScale(2, RoundingMode.HALF_EVEN));
      s.put("currency", r.currency());
      s.put("status", r.status().name());
      if (r.error() == null) {
        s.putNull("error");
      } else {
        s.put("error", r.error());
      }
      if (r.plan() == null) {
        s.putNull("plan");
      } else {
        s.put("plan", r.plan());
      }
    }
    Map<String, BigDecimal> total = report.monthlySaving();
    if (total.size() <= 1) {
      BigDecimal sum = total.values().stream().findFirst().orElse(BigDecimal.ZERO);
      root.put("monthlySaving", sum.setScale(2, RoundingMode.HALF_EVEN));
      root.put(
          "currency",
          total.keySet().stream()
              .findFirst()
              .orElse(report.shards().isEmpty() ? "USD" : report.shards().get(0).currency()));
    } else {
      ObjectNode by = root.putObject("monthlySaving");
      total.forEach((c, v) -> by.put(c, v.setScale(2, RoundingMode.HALF_EVEN)));
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
