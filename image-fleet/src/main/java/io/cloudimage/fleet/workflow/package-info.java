/**
 * The fleet's workflows on Temporal: {@link io.cloudimage.fleet.workflow.FleetLifecycleWorkflow}
 * fans out one {@link io.cloudimage.fleet.workflow.ShardLifecycleWorkflow} per shard, which runs
 * the {@link io.cloudimage.fleet.workflow.ShardActivities} inventory → plan → approval → apply.
 *
 * <p>Workflow code is deterministic and holds only small values: inventories and plans live in a
 * {@link io.cloudimage.fleet.workflow.BlobStore} and pass through workflow history by digest.
 */
@NullMarked
package io.cloudimage.fleet.workflow;

import org.jspecify.annotations.NullMarked;
