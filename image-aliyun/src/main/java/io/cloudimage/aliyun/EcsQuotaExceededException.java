package io.cloudimage.aliyun;

import io.cloudimage.core.error.CheckFailedException;

/**
 * A request would exceed an ECS quota or a {@link SharingPolicy} limit; thrown before any call is
 * made, naming the quota, its limit and what the request would have reached.
 */
public class EcsQuotaExceededException extends CheckFailedException {
  private static final long serialVersionUID = 1L;

  private final String quota;
  private final long limit;
  private final long requested;

  /**
   * Creates the exception.
   *
   * @param quota the quota's name, such as {@code accounts per image}
   * @param limit the quota
   * @param requested what the request would have reached
   * @param what what was asked for and what to do instead
   */
  public EcsQuotaExceededException(String quota, long limit, long requested, String what) {
    super(
        "quota '"
            + quota
            + "' exceeded: "
            + what
            + " would reach "
            + requested
            + ", the limit is "
            + limit
            + "; nothing was changed");
    this.quota = quota;
    this.limit = limit;
    this.requested = requested;
  }

  /** The quota's name. */
  public String quota() {
    return quota;
  }

  /** The quota's limit. */
  public long limit() {
    return limit;
  }

  /** What the refused request would have reached. */
  public long requested() {
    return requested;
  }
}
