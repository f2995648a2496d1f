package io.cloudimage.aliyun;

import io.cloudimage.core.error.ConflictException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.pricing.Money;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What cloudimage allows before it calls ModifyImageSharePermission: the service's limits (10
 * accounts a call, 50 accounts an image, same region only, no sharing of a deprecated image and no
 * deprecation of a shared one) and the account's permission matrix and prices. Every check runs
 * before any call, so a refused share changes nothing and costs nothing.
 *
 * <pre>{@code
 * SharingPolicy policy = SharingPolicy.of(SharingPolicy.AccountTier.NORMAL);
 * policy.checkShare("m-bp1abc", "cn-hangzhou", "cn-hangzhou", current, adding, callsThisMonth);
 * }</pre>
 *
 * @param accountsPerCall the most accounts one ModifyImageSharePermission call may add or remove
 * @param accountsPerImage the most accounts one image may be shared with
 * @param tier the account's place in the permission matrix
 * @param prices what share calls cost
 */
public record SharingPolicy(
    int accountsPerCall, int accountsPerImage, AccountTier tier, SharePrices prices) {

  /** The service's limit of accounts in one call. */
  public static final int SERVICE_ACCOUNTS_PER_CALL = 10;

  /** The service's limit of accounts one image is shared with. */
  public static final int SERVICE_ACCOUNTS_PER_IMAGE = 50;

  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{1,20}");

  /** Checks the limits. */
  public SharingPolicy {
    if (accountsPerCall < 1 || accountsPerCall > SERVICE_ACCOUNTS_PER_CALL) {
      throw new InvalidInputException(
          "SharingPolicy.accountsPerCall must be 1.." + SERVICE_ACCOUNTS_PER_CALL);
    }
    if (accountsPerImage < 0 || accountsPerImage > SERVICE_ACCOUNTS_PER_IMAGE) {
      throw new InvalidInputException(
          "SharingPolicy.accountsPerImage must be 0.." + SERVICE_ACCOUNTS_PER_IMAGE);
    }
  }

  /** The service's limits for an account of this tier, with the list prices. */
  public static SharingPolicy of(AccountTier tier) {
    return new SharingPolicy(
        SERVICE_ACCOUNTS_PER_CALL,
        Math.min(SERVICE_ACCOUNTS_PER_IMAGE, tier.visibleAccounts()),
        tier,
        SharePrices.LIST);
  }

  /** The default: an enterprise account, the service's own limits. */
  public static SharingPolicy defaults() {
    return of(AccountTier.ENTERPRISE);
  }

  /**
   * The permission matrix: how many accounts may see one shared image, how many shared images a
   * recipient may create instances or copies from, and how many share calls a month the account may
   * make ({@code -1}: unlimited).
   */
  public enum AccountTier {
    /** A normal account: 5 accounts an image, 0 creatable, 50 share calls a month. */
    NORMAL(5, 0, 50),
    /** An enterprise account: 50 accounts an image, 10 creatable, unlimited calls. */
    ENTERPRISE(50, 10, -1);

    private final int visibleAccounts;
    private final int creatable;
    private final int callsPerMonth;

    AccountTier(int visibleAccounts, int creatable, int callsPerMonth) {
      this.visibleAccounts = visibleAccounts;
      this.creatable = creatable;
      this.callsPerMonth = callsPerMonth;
    }

    /** How many accounts one image may be visible to. */
    public int visibleAccounts() {
      return visibleAccounts;
    }

    /** How many shared images a recipient of this tier may create from. */
    public int creatable() {
      return creatable;
    }

    /** Share calls a month, or {@code -1} when unlimited. */
    public int callsPerMonth() {
      return callsPerMonth;
    }
  }

  /**
   * The prices of share calls: calls over the internal network are free up to a monthly allowance,
   * calls over the public network cost a fixed price each, and the first month is free.
   *
   * @param freeInternalCallsPerMonth internal-network calls a month that cost nothing
   * @param internalCallPrice the price of each internal call above the allowance
   * @param externalCallPrice the price of each public-network call
   */
  public record SharePrices(
      int freeInternalCallsPerMonth, Money internalCallPrice, Money externalCallPrice) {
    /** The list prices: 200 free internal calls a month, 0.5 CNY a public call. */
    public static final SharePrices LIST =
        new SharePrices(200, Money.of("0.5", "CNY"), Money.of("0.5", "CNY"));
  }

  /** Which network share calls go over. */
  public enum Network {
    INTERNAL,
    EXTERNAL
  }

  /**
   * One priced line of a share plan.
   *
   * @param description what is billed, such as {@code 3 share calls over the public network}
   * @param amount what it costs
   */
  public record CostEntry(String description, Money amount) {}

  /**
   * Checks a share before any call.
   *
   * @param imageRegion the image's region
   * @param recipientRegion the region the recipients will use the image in
   * @param current the accounts the image is shared with now
   * @param adding the accounts to add
   * @param callsThisMonth share calls already made this month
   * @throws InvalidInputException when an account id is not a number
   * @throws ConflictException when the regions differ
   * @throws EcsQuotaExceededException naming the first quota the share would exceed
   */
  public void checkShare(
      String imageId,
      String imageRegion,
      String recipientRegion,
      Collection<String> current,
      Collection<String> adding,
      int callsThisMonth) {
    checkAccounts(adding);
    if (!imageRegion.equals(recipientRegion)) {
      throw new ConflictException(
          "image "
              + imageId
              + " is in "
              + imageRegion
              + " and can be shared in that region only; copy it to "
              + recipientRegion
              + " first and share the copy");
    }
    checkCall(adding.size(), callsThisMonth);
    Set<String> after = new LinkedHashSet<>(current);
    after.addAll(adding);
    if (after.size() > accountsPerImage) {
      throw new EcsQuotaExceededException(
          "accounts per image",
          accountsPerImage,
          after.size(),
          "sharing " + imageId + " with " + adding.size() + " more account(s)");
    }
  }

  /** Checks an unshare before any call. */
  public void checkUnshare(Collection<String> removing, int callsThisMonth) {
    checkAccounts(removing);
    checkCall(removing.size(), callsThisMonth);
  }

  private void checkCall(int accounts, int callsThisMonth) {
    if (accounts > accountsPerCall) {
      throw new EcsQuotaExceededException(
          "accounts per ModifyImageSharePermission call",
          accountsPerCall,
          accounts,
          "one call with " + accounts + " accounts");
    }
    int monthly = tier.callsPerMonth();
    if (monthly >= 0 && callsThisMonth + 1 > monthly) {
      throw new EcsQuotaExceededException(
          "share calls per month (" + tier + " account)",
          monthly,
          callsThisMonth + 1,
          "another share call this month");
    }
  }

  private static void checkAccounts(Collection<String> accounts) {
    for (String a : accounts) {
      if (!ACCOUNT.matcher(a).matches()) {
        throw new InvalidInputException(
            "'"
                + a
                + "' is not an Alibaba Cloud account id (digits only, such as 1234567890123456)");
      }
    }
  }

  /**
   * Checks that an image may be deprecated: it must be shared with nobody.
   *
   * @throws ConflictException naming the accounts to unshare first
   */
  public void checkDeprecate(String imageId, Collection<String> sharedWith) {
    if (!sharedWith.isEmpty()) {
      throw new ConflictException(
          "image "
              + imageId
              + " is shared with "
              + String.join(", ", sharedWith)
              + "; unshare it before deprecating it");
    }
  }

  /**
   * What {@code calls} more share calls cost this month.
   *
   * @param callsThisMonth calls already made this month
   * @param firstMonth whether this is the account's first month of image sharing (free)
   */
  public List<CostEntry> costOf(
      int calls, int callsThisMonth, Network network, boolean firstMonth) {
    List<CostEntry> out = new ArrayList<>();
    if (firstMonth) {
      out.add(
          new CostEntry(
              calls + " share call(s) in the first month: free",
              Money.zero(prices.externalCallPrice().currency())));
      return out;
    }
    if (network == Network.EXTERNAL) {
      out.add(
          new CostEntry(
              calls + " share call(s) over the public network",
              prices.externalCallPrice().times(calls)));
      return out;
    }
    int free = Math.max(0, Math.min(calls, prices.freeInternalCallsPerMonth() - callsThisMonth));
    out.add(
        new CostEntry(
            free + " internal share call(s) within the monthly allowance",
            Money.zero(prices.internalCallPrice().currency())));
    if (calls > free) {
      out.add(
          new CostEntry(
              (calls - free) + " internal share call(s) above the monthly allowance",
              prices.internalCallPrice().times(calls - free)));
    }
    return out;
  }
}
