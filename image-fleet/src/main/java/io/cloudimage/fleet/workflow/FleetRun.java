package io.cloudimage.fleet.workflow;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One fleet run: its shards and its limits.
 *
 * <p>The shards are either inline ({@link #shards()}), which suits fleets of up to a few thousand
 * shards, or stored: pages of {@value FleetRuns#SHARDS_PER_PAGE} tasks in the blob store, named by
 * {@link #shardPages()} (see {@link FleetRuns#store}), which keeps the run's input a few kilobytes
 * whatever the fleet's size. A stored run also writes its shards' reports to the blob store; its
 * workers must run {@link FleetActivitiesImpl} next to the shard activities.
 *
 * <p>The workflow continues as new after every {@link #shardsPerRun()} shards, carrying a {@link
 * FleetCursor}, so that no run's history outgrows Temporal's limits.
 *
 * @param fleet the fleet's name
 * @param shards a task per shard (inline runs; empty for stored runs)
 * @param maxConcurrentShards how many shard workflows run at once
 * @param maxFailedShards past this many failed shards no new shard starts
 * @param shardPages the digests of the task pages (stored runs; empty for inline runs)
 * @param shardCount how many shards the fleet has
 * @param shardsPerRun after how many shards the workflow continues as new
 * @param shardsPerPlanBatch how many shards one plan batch activity plans (0 or less: {@value
 *     #DEFAULT_SHARDS_PER_PLAN_BATCH})
 * @param cursor where a continued run resumes, or null for the first run
 */
public record FleetRun(
    String fleet,
    List<ShardTask> shards,
    int maxConcurrentShards,
    int maxFailedShards,
    List<String> shardPages,
    int shardCount,
    int shardsPerRun,
    int shardsPerPlanBatch,
    @Nullable FleetCursor cursor) {

  /**
   * Shards per run by default. A shard with a shard workflow (to apply, or planned again) costs the
   * fleet's history about six events and two kilobytes (the child's start with its task, its
   * completion with its report, and a share of the workflow tasks); a shard planned in a batch
   * costs about half an event and one kilobyte. A thousand shards keep a run under 6,000 events and
   * 2 MB, well under Temporal's 50,000-event and 50 MB limits and its 10,240-event warning.
   */
  public static final int DEFAULT_SHARDS_PER_RUN = 1000;

  /**
   * Shards per plan batch by default. A batch costs the fleet's history about six events whatever
   * its size, and its result about 300 bytes per shard; fifty shards make planning a shard cost a
   * fraction of an event while a batch's result stays near 15 KB, and a batch retried after its
   * worker stopped plans at most fifty shards again.
   */
  public static final int DEFAULT_SHARDS_PER_PLAN_BATCH = 50;

  public FleetRun {
    shards = shards == null ? List.of() : List.copyOf(shards);
    shardPages = shardPages == null ? List.of() : List.copyOf(shardPages);
    if (!shards.isEmpty() && !shardPages.isEmpty()) {
      throw new IllegalArgumentException("a fleet run has inline shards or stored ones, not both");
    }
    if (shardPages.isEmpty()) {
      shardCount = shards.size();
    } else if (shardCount <= (shardPages.size() - 1) * FleetRuns.SHARDS_PER_PAGE
        || shardCount > shardPages.size() * FleetRuns.SHARDS_PER_PAGE) {
      throw new IllegalArgumentException(
          shardCount + " shards do not fill " + shardPages.size() + " pages");
    }
    if (shardsPerRun <= 0) {
      shardsPerRun = DEFAULT_SHARDS_PER_RUN;
    }
    if (shardsPerPlanBatch <= 0) {
      shardsPerPlanBatch = DEFAULT_SHARDS_PER_PLAN_BATCH;
    }
    if (maxConcurrentShards <= 0) {
      throw new IllegalArgumentException("maxConcurrentShards must be positive");
    }
  }

  /**
   * An inline run that continues as new every {@value #DEFAULT_SHARDS_PER_RUN} shards and plans
   * {@value #DEFAULT_SHARDS_PER_PLAN_BATCH} shards per batch.
   */
  public FleetRun(
      String fleet, List<ShardTask> shards, int maxConcurrentShards, int maxFailedShards) {
    this(
        fleet,
        shards,
        maxConcurrentShards,
        maxFailedShards,
        List.of(),
        shards.size(),
        DEFAULT_SHARDS_PER_RUN,
        DEFAULT_SHARDS_PER_PLAN_BATCH,
        null);
  }

  /** This run, continuing as new after every {@code shardsPerRun} shards. */
  public FleetRun withShardsPerRun(int shardsPerRun) {
    return new FleetRun(
        fleet,
        shards,
        maxConcurrentShards,
        maxFailedShards,
        shardPages,
        shardCount,
        shardsPerRun,
        shardsPerPlanBatch,
        cursor);
  }

  /** This run, planning {@code shardsPerPlanBatch} shards per plan batch activity. */
  public FleetRun withShardsPerPlanBatch(int shardsPerPlanBatch) {
    return new FleetRun(
        fleet,
        shards,
        maxConcurrentShards,
        maxFailedShards,
        shardPages,
        shardCount,
        shardsPerRun,
        shardsPerPlanBatch,
        cursor);
  }

  /** This run, resuming at {@code cursor}. */
  public FleetRun resumingAt(FleetCursor cursor) {
    return new FleetRun(
        fleet,
        shards,
        maxConcurrentShards,
        maxFailedShards,
        shardPages,
        shardCount,
        shardsPerRun,
        shardsPerPlanBatch,
        cursor);
  }

  /** Whether the shards are in the blob store rather than inline. */
  public boolean stored() {
    return !shardPages.isEmpty();
  }
}
