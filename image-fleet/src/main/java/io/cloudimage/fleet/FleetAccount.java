package io.cloudimage.fleet;

import org.jspecify.annotations.Nullable;

/**
 * One account of a fleet.
 *
 * @param id the provider's account id (for AWS the 12-digit number)
 * @param role the role assumed for each of the account's shards, or null where the provider needs
 *     none
 * @param externalId the external id the role's trust policy asks for, or null
 */
public record FleetAccount(String id, @Nullable String role, @Nullable String externalId) {}
