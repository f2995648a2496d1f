package io.cloudimage.fleet.report;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the applies of one shard did, from its journal.
 *
 * @param provider the provider's name
 * @param account the account id
 * @param region the region
 * @param done actions the journal records as done
 * @param failed actions the journal records as failed
 * @param unpriced done actions whose plan was not found, so their saving is not counted
 * @param monthlySaving the monthly saving of the done actions, by currency code
 * @param verified whether the journal's hash chain verifies
 */
public record ShardSavings(
    String provider,
    String account,
    String region,
    int done,
    int failed,
    int unpriced,
    Map<String, BigDecimal> monthlySaving,
    boolean verified) {
  public ShardSavings {
    monthlySaving = Map.copyOf(new TreeMap<>(monthlySaving));
  }
}
