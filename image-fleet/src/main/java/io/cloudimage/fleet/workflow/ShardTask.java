package io.cloudimage.fleet.workflow;

import io.cloudimage.fleet.ApprovalThresholds;
import io.cloudimage.fleet.Shard;
import org.jspecify.annotations.Nullable;

/**
 * What one shard's workflow does.
 *
 * @param fleet the fleet's name
 * @param shard the target
 * @param policy {@code default} or the path of a policy file, as the workers see it
 * @param callsPerSecond the pace of the shard's provider calls when applying
 * @param approval when the plan waits for an approval signal
 * @param plan the digest of a plan already in the blob store to apply, or null to take an inventory
 *     and plan first
 * @param apply whether to apply the plan (else stop after planning)
 * @param heartbeatSeconds how long an activity may go without a heartbeat before it is retried
 *     elsewhere
 */
public record ShardTask(
    String fleet,
    Shard shard,
    String policy,
    double callsPerSecond,
    ApprovalThresholds approval,
    @Nullable String plan,
    boolean apply,
    int heartbeatSeconds) {}
