package io.cloudimage.fleet;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A fleet: the targets of one lifecycle run and the limits it keeps. Read one with {@link
 * FleetReader}.
 *
 * <pre>{@code
 * Fleet fleet = FleetReader.read(Path.of("fleet.yaml"));
 * for (Shard shard : fleet.shards()) { ... }
 * }</pre>
 *
 * @param name the fleet's name
 * @param provider the provider's name
 * @param regions the regions, in file order
 * @param accounts the accounts, in file order
 * @param endpoint the endpoint override for every shard, or null
 * @param home the local provider's base folder (a home per account and region below it), or null
 * @param policy {@code default} or the path of a policy file
 * @param maxConcurrentShards how many shards run at once
 * @param maxFailedShards past this many failed shards no new shard starts (0: stop at the first)
 * @param callsPerSecondPerShard the pace of provider calls in each shard
 * @param approval when a shard's plan waits for approval
 */
public record Fleet(
    String name,
    String provider,
    List<String> regions,
    List<FleetAccount> accounts,
    @Nullable String endpoint,
    @Nullable String home,
    String policy,
    int maxConcurrentShards,
    int maxFailedShards,
    double callsPerSecondPerShard,
    ApprovalThresholds approval) {

  public Fleet {
    regions = List.copyOf(regions);
    accounts = List.copyOf(accounts);
  }

  /**
   * The shards, accounts × regions, account by account. For the local provider each shard's home is
   * {@code home/ACCOUNT/REGION}.
   */
  public List<Shard> shards() {
    List<Shard> shards = new ArrayList<>(accounts.size() * regions.size());
    for (FleetAccount a : accounts) {
      for (String region : regions) {
        String base = home;
        String shardHome =
            base == null
                ? null
                : java.nio.file.Path.of(base).resolve(a.id()).resolve(region).toString();
        shards.add(
            new Shard(provider, a.id(), a.role(), region, endpoint, shardHome, a.externalId()));
      }
    }
    return shards;
  }
}
