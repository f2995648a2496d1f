package io.cloudimage.core.lifecycle.execute;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.lifecycle.FamilyKey;
import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.lifecycle.ResourceKind;
import io.cloudimage.core.lifecycle.plan.Observed;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.plan.PlannedAction;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.lifecycle.policy.Comparisons;
import io.cloudimage.core.lifecycle.policy.Condition;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.pricing.StorageCost;
import io.cloudimage.core.provider.Capability;
import io.cloudimage.core.provider.ImageQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What is checked at apply time, since a plan is a snapshot of the past: the plan's age, and just
 * before each action the resource's preconditions (in use, protected, kept, backing an image) and
 * whether it still is what the plan saw and its rule still holds with the real clock.
 */
final class ApplyTimeCheck {
  /** Family keys matter only to family ranks, which are not re-checked; any key will do. */
  private static final FamilyKey NO_FAMILY = FamilyKey.field();

  /** Plans dated up to this far ahead of the clock are taken as clock skew, not as the future. */
  private static final Duration SKEW = Duration.ofMinutes(5);

  private final ImageProvider provider;
  private final Clock clock;
  private final Duration maxPlanAge;
  private final StorageCost cost;

  ApplyTimeCheck(ImageProvider provider, Clock clock, Duration maxPlanAge, StorageCost cost) {
    this.provider = provider;
    this.clock = clock;
    this.maxPlanAge = maxPlanAge;
    this.cost = cost;
  }

  /** Refuses a plan dated in the future or older than the maximum age. */
  void requireFresh(Plan plan) {
    Instant now = clock.instant();
    Instant made = plan.createdAt();
    if (made.isAfter(now.plus(SKEW))) {
      throw new InvalidInputException(
          "plan "
              + plan.digest()
              + " is dated "
              + made
              + ", in the future (now "
              + now
              + "); a plan must be made as of now: run `lifecycle plan` without --now");
    }
    if (made.plus(maxPlanAge).isBefore(now)) {
      throw new InvalidInputException(
          "plan "
              + plan.digest()
              + " was made at "
              + made
              + ", more than "
              + maxPlanAge
              + " ago; make a new plan with `lifecycle plan` (or allow older plans with"
              + " --max-plan-age)");
    }
  }

  /**
   * Why the action must not happen now, or {@code null} when it may: first the preconditions of an
   * action that changes the resource, then whether anything changed since planning.
   */
  @Nullable String veto(PlannedAction a) {
    String veto = a.action().changesResource() ? precondition(a) : null;
    if (veto == null) {
      veto = recheck(a);
    }
    return veto;
  }

  /**
   * Whether the resource still is what the plan saw, and the rule still holds with this executor's
   * clock: {@code null} when so, else why not ("changed since planning: …").
   */
  private @Nullable String recheck(PlannedAction a) {
    Observed planned = a.observed();
    if (planned == null) {
      return "the plan does not say what state "
          + a.resource()
          + " was planned on; make a new plan";
    }
    Observed now;
    Resource r;
    if (a.kind() == ResourceKind.SNAPSHOT) {
      Snapshot s;
      try {
        s = provider.describeSnapshot(a.resource());
      } catch (NotFoundException e) {
        return "changed since planning: snapshot " + a.resource() + " no longer exists";
      }
      now = Observed.of(s);
      r = Resource.of(s);
    } else {
      Optional<Image> found = provider.find(a.resource());
      if (found.isEmpty()) {
        return "changed since planning: image " + a.resource() + " no longer exists";
      }
      now = Observed.of(found.get());
      r = Resource.of(found.get(), NO_FAMILY);
    }
    List<String> changes = planned.differencesTo(now);
    if (!changes.isEmpty()) {
      return "changed since planning: " + String.join("; ", changes);
    }
    Instant at = clock.instant();
    for (Condition c : a.conditions()) {
      // Family ranks depend on the whole inventory; the other conditions on the resource alone.
      if (!(c instanceof Comparisons.MoreThanInFamily) && !c.test(r, at, cost)) {
        return "changed since planning: rule "
            + a.rule()
            + " no longer holds at "
            + at
            + " ("
            + c
            + ")";
      }
    }
    return null;
  }

  /** Why the action must not happen now, or {@code null} when it may. */
  private @Nullable String precondition(PlannedAction a) {
    if (a.kind() == ResourceKind.SNAPSHOT) {
      Snapshot s;
      try {
        s = provider.describeSnapshot(a.resource());
      } catch (NotFoundException e) {
        return "snapshot " + a.resource() + " no longer exists";
      }
      if (s.tags().has(LifecyclePolicy.KEEP_TAG)) {
        return "tagged " + LifecyclePolicy.KEEP_TAG + " since planning";
      }
      try (Stream<Image> images = provider.images(ImageQuery.ALL)) {
        Optional<Image> holder =
            images
                .filter(i -> i.state().holdsStorage())
                .filter(i -> Resource.backingSnapshots(i).contains(a.resource()))
                .findFirst();
        if (holder.isPresent()) {
          return "backs image " + holder.get().nativeId() + " (state " + holder.get().state() + ")";
        }
      }
      return null;
    }
    Optional<Image> found = provider.find(a.resource());
    if (found.isEmpty()) {
      return "image " + a.resource() + " no longer exists";
    }
    Image image = found.get();
    if (image.usage().inUse()) {
      return "came into use since planning";
    }
    if (provider.capabilities().supports(Capability.IN_USE)
        && provider.imagesInUse().contains(a.resource())) {
      return "in use (the provider reports instances, launch templates or scaling groups)";
    }
    if (image.usage().deregistrationProtected()) {
      return "deregistration protection is on";
    }
    if (image.tags().has(LifecyclePolicy.KEEP_TAG)) {
      return "tagged " + LifecyclePolicy.KEEP_TAG + " since planning";
    }
    if (image.state() != ImageState.AVAILABLE && image.state() != ImageState.DISABLED) {
      return "image is " + image.state();
    }
    if (a.action() != Action.UNSHARE
        && image.usage().sharing().isShared()
        && a.action().destructive()) {
      return "shared with other accounts since planning, so possibly in use";
    }
    return null;
  }
}
