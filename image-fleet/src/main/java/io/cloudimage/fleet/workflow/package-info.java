/**
 * The fleet's workflows on Temporal: {@link io.cloudimage.fleet.workflow.FleetLifecycleWorkflow}
 * plans its shards in batches ({@link io.cloudimage.fleet.workflow.PlanBatchActivities}, one
 * activity for many shards), then runs one {@link
 * io.cloudimage.fleet.workflow.ShardLifecycleWorkflow} per shard to apply (approval → apply, with
 * the {@link io.cloudimage.fleet.workflow.ShardActivities}) or to plan again with retries.
 *
 * <p>Workflow code is deterministic and holds only small values: inventories and plans live in a
 * {@link io.cloudimage.fleet.workflow.BlobStore} and pass through workflow history by digest.
 */
@NullMarked
package io.cloudimage.fleet.workflow;

import org.jspecify.annotations.NullMarked;
