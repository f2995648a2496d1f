package io.cloudimage.core.lifecycle.policy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a policy: when every condition holds, do the action. Made with {@link
 * LifecyclePolicy.Builder#rule(String, java.util.function.Consumer)}.
 *
 * @param name the rule's name, quoted in plans and journals
 * @param conditions what must all hold (at least one)
 * @param action what to do
 * @param options the action's details (target tier, tags, region…)
 */
public record Rule(String name, List<Condition> conditions, Action action, ActionOptions options) {
  public Rule {
    if (name.isBlank()) {
      throw new InvalidInputException("Rule.name must not be blank");
    }
    conditions = List.copyOf(conditions);
    if (conditions.isEmpty()) {
      throw new InvalidInputException(
          "rule '" + name + "' has no condition; a rule must say when it applies");
    }
    StorageTier tier = options.tier();
    switch (action) {
      case MOVE_TIER:
        if (tier == null) {
          throw new InvalidInputException("rule '" + name + "': MOVE_TIER needs a tier");
        }
        break;
      case RESTORE:
        break;
      case COPY:
        if (options.targetRegion() == null) {
          throw new InvalidInputException("rule '" + name + "': COPY needs a targetRegion");
        }
        break;
      case TAG:
        if (options.tags().isEmpty()) {
          throw new InvalidInputException("rule '" + name + "': TAG needs at least one tag");
        }
        break;
      default:
        break;
    }
    if (tier != null && action != Action.MOVE_TIER && action != Action.RESTORE) {
      throw new InvalidInputException(
          "rule '"
              + name
              + "': tier "
              + tier
              + " is set but action "
              + action
              + " takes no tier; use MOVE_TIER or RESTORE, or drop the tier");
    }
    if (options.targetRegion() != null && action != Action.COPY) {
      throw new InvalidInputException(
          "rule '" + name + "': targetRegion is set but action " + action + " is not COPY");
    }
  }

  /**
   * The largest "keep newest N" of this rule's family conditions, or {@code -1} when it has none.
   */
  public int familyKeep() {
    int keep = -1;
    for (Condition c : conditions) {
      if (c instanceof Comparisons.MoreThanInFamily) {
        keep = Math.max(keep, ((Comparisons.MoreThanInFamily) c).keep());
      }
    }
    return keep;
  }

  /** Builds a {@link Rule}. */
  public static final class Builder {
    private final String name;
    private final List<Condition> conditions = new ArrayList<>();
    private @Nullable Action action;
    private ActionOptions options = ActionOptions.NONE;

    Builder(String name) {
      this.name = name;
    }

    /** Adds conditions; all must hold. */
    public Builder when(Condition... more) {
      conditions.addAll(List.of(more));
      return this;
    }

    /** Sets the action. */
    public Builder then(Action action) {
      if (this.action != null && this.action != action) {
        throw new InvalidInputException(
            "rule '"
                + name
                + "' has two actions, "
                + this.action
                + " and "
                + action
                + "; write two rules");
      }
      this.action = action;
      return this;
    }

    /** Sets the action to {@link Action#MOVE_TIER} to {@code tier}. */
    public Builder moveTier(StorageTier tier) {
      then(Action.MOVE_TIER);
      options = options.withTier(tier);
      return this;
    }

    /** Sets the target tier of {@link Action#RESTORE} (hot by default). */
    public Builder tier(StorageTier tier) {
      options = options.withTier(tier);
      return this;
    }

    /** {@link Action#DEREGISTER} deletes the image's own snapshots too (the default). */
    public Builder withSnapshots() {
      options = options.deletingSnapshots();
      return this;
    }

    /** {@link Action#DEREGISTER} keeps the image's snapshots. */
    public Builder withoutSnapshots() {
      options = options.keepingSnapshots();
      return this;
    }

    /** The tags {@link Action#TAG} adds. */
    public Builder tags(Tags tags) {
      options = options.withTags(tags);
      return this;
    }

    /** The region {@link Action#COPY} copies to. */
    public Builder targetRegion(String region) {
      options = options.withTargetRegion(region);
      return this;
    }

    /** The accounts {@link Action#UNSHARE} removes (all when not set). */
    public Builder accounts(Set<String> accounts) {
      options = options.withAccounts(accounts);
      return this;
    }

    Rule build() {
      Action a = action;
      if (a == null) {
        throw new InvalidInputException("rule '" + name + "' has no action; call then(Action)");
      }
      return new Rule(name, conditions, a, options);
    }
  }
}
