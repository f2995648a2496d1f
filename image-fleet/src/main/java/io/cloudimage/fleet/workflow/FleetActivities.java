package io.cloudimage.fleet.workflow;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * The fleet workflow's own reads and writes, for stored runs: it reads its shards' tasks a page at
 * a time and writes their reports a page at a time, so that neither the whole shard list nor all
 * the reports ever pass through one run's history. The workflow calls these as local activities:
 * they run on the worker that runs the workflow, which must see the fleet's blob store.
 */
@ActivityInterface
public interface FleetActivities {
  /** The tasks of the page with this digest. */
  List<ShardTask> shardPage(String digest);

  /** Stores a page of shard reports; returns its digest. */
  String reportPage(List<ShardReport> reports);
}
