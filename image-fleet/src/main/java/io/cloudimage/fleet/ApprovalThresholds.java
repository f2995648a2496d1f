package io.cloudimage.fleet;

import io.cloudimage.core.pricing.Money;
import org.jspecify.annotations.Nullable;

/**
 * When a shard's plan needs a person's approval before it is applied: when it saves more than
 * {@code monthlySaving} a month or removes more than {@code deletions} resources. Either bound may
 * be absent; with both absent no plan needs approval.
 *
 * @param monthlySaving the saving above which approval is needed, or null
 * @param deletions the number of destructive actions above which approval is needed, or null
 */
public record ApprovalThresholds(@Nullable Money monthlySaving, @Nullable Integer deletions) {
  /** No approval ever needed. */
  public static final ApprovalThresholds NONE = new ApprovalThresholds(null, null);

  /** Whether a plan with this saving and this many destructive actions needs approval. */
  public boolean requireApproval(Money saving, int destructive) {
    Money bound = monthlySaving;
    Integer count = deletions;
    boolean overSaving =
        bound != null
            && bound.currency().equals(saving.currency())
            && saving.amount().compareTo(bound.amount()) > 0;
    // A plan priced in another currency than the threshold cannot be compared: ask a person.
    boolean otherCurrency = bound != null && !bound.currency().equals(saving.currency());
    return overSaving || otherCurrency || (count != null && destructive > count);
  }
}
