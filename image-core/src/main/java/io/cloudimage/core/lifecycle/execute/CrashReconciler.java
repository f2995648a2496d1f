package io.cloudimage.core.lifecycle.execute;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.journal.JournalRecord;
import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.lifecycle.ResourceKind;
import io.cloudimage.core.lifecycle.plan.PlannedAction;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.ImageState;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.provider.ImageQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Settles an {@code INTENT} left without an outcome by a crash: asks the provider whether the
 * action's effect is there ({@code DONE}), not there ({@code NOT_DONE}, to be tried again) or
 * cannot be told ({@code UNKNOWN}, never repeated), and finishes an image removal that was
 * interrupted after the image went but before its snapshots did.
 */
final class CrashReconciler {
  private final ImageProvider provider;

  CrashReconciler(ImageProvider provider) {
    this.provider = provider;
  }

  /**
   * The outcome of the interrupted action, journaled; or {@code null} when the provider shows no
   * effect, after journaling {@code NOT_DONE}, so that the action is tried again.
   */
  @Nullable ActionResult settle(
      ActionLog log, String op, int index, PlannedAction a, JournalRecord intent) {
    Optional<Boolean> effect;
    try {
      effect = effectPresent(a);
    } catch (CloudImageException e) {
      return log.outcome(
          op,
          a,
          index,
          Status.FAILED,
          "cannot tell whether the interrupted action happened: " + e.getMessage());
    }
    if (effect.isEmpty()) {
      return log.outcome(
          op,
          a,
          index,
          Status.UNKNOWN,
          "interrupted; the provider cannot show whether "
              + a.action()
              + " happened, so it is not repeated: check "
              + a.resource()
              + " by hand");
    }
    if (effect.get()) {
      List<String> left;
      try {
        left = leftovers(intent);
      } catch (CloudImageException e) {
        return log.outcome(
            op,
            a,
            index,
            Status.FAILED,
            "cannot tell whether the interrupted action finished: " + e.getMessage());
      }
      if (!left.isEmpty()) {
        return finish(log, op, a, index, left);
      }
      return log.outcome(
          op, a, index, Status.DONE, "interrupted after acting; the provider shows the effect");
    }
    log.journal()
        .append(
            "NOT_DONE",
            r -> {
              r.put("op", op);
              r.put("kind", a.kind().name());
              r.put("resource", a.resource());
              r.put("reason", "interrupted before acting; the provider shows no effect");
            });
    return null;
  }

  /**
   * The snapshots an interrupted image removal was to take and that are still there, unused by any
   * image: the part of the effect still missing.
   */
  private List<String> leftovers(JournalRecord intent) {
    List<String> list = intent.texts("snapshots");
    if (list.isEmpty()) {
      return List.of();
    }
    List<String> left = new ArrayList<>();
    for (String id : list) {
      try {
        provider.describeSnapshot(id);
      } catch (NotFoundException e) {
        continue;
      }
      try (Stream<Image> images = provider.images(ImageQuery.ALL)) {
        boolean used =
            images
                .filter(i -> i.state().holdsStorage())
                .anyMatch(i -> Resource.backingSnapshots(i).contains(id));
        if (!used) {
          left.add(id);
        }
      }
    }
    return left;
  }

  /** Finishes an interrupted image removal whose image is gone but whose snapshots are not. */
  private ActionResult finish(
      ActionLog log, String op, PlannedAction a, int index, List<String> left) {
    if (a.action() == Action.ERASE) {
      // The data may not have been overwritten; deleting it now would not sanitise it.
      return log.outcome(
          op,
          a,
          index,
          Status.UNKNOWN,
          "interrupted: image "
              + a.resource()
              + " is gone but snapshot(s) "
              + String.join(", ", left)
              + " remain, and their erasure cannot be proven: erase them by hand");
    }
    try {
      for (String s : left) {
        provider.deleteSnapshot(s);
      }
    } catch (CloudImageException e) {
      return log.outcome(
          op,
          a,
          index,
          Status.FAILED,
          "interrupted after the image went; deleting its snapshot(s) "
              + String.join(", ", left)
              + " failed: "
              + e.getMessage());
    }
    return log.outcome(
        op,
        a,
        index,
        Status.DONE,
        "interrupted after the image went; finished by deleting snapshot(s) "
            + String.join(", ", left));
  }

  /**
   * Whether the provider shows the action's effect: present, absent, or empty when it cannot tell.
   */
  private Optional<Boolean> effectPresent(PlannedAction a) {
    String id = a.resource();
    if (a.kind() == ResourceKind.SNAPSHOT) {
      Snapshot s;
      try {
        s = provider.describeSnapshot(id);
      } catch (NotFoundException e) {
        return Optional.of(a.action() == Action.DELETE_SNAPSHOT);
      }
      switch (a.action()) {
        case DELETE_SNAPSHOT:
          return Optional.of(false);
        case TAG:
          return Optional.of(
              s.tags().asMap().entrySet().containsAll(a.options().tags().asMap().entrySet()));
        case ARCHIVE:
          return Optional.of(s.tier() == StorageTier.ARCHIVE);
        case MOVE_TIER:
          return Optional.of(s.tier() == a.options().tier());
        case RESTORE:
          return Optional.of(
              s.tier().ordinal() <= ActionRunner.tierOr(a, StorageTier.HOT).ordinal());
        default:
          return Optional.empty();
      }
    }
    Optional<Image> found = provider.find(id);
    if (found.isEmpty()) {
      return Optional.of(a.action() == Action.DEREGISTER || a.action() == Action.ERASE);
    }
    Image i = found.get();
    switch (a.action()) {
      case DEREGISTER:
      case ERASE:
        return Optional.of(
            i.state() == ImageState.DEREGISTERED || i.state() == ImageState.DEREGISTERING);
      case TAG:
        return Optional.of(
            i.tags().asMap().entrySet().containsAll(a.options().tags().asMap().entrySet()));
      case DEPRECATE:
        return Optional.of(i.deprecation() != null);
      case DISABLE:
        return Optional.of(i.state() == ImageState.DISABLED);
      case ARCHIVE:
        return Optional.of(i.storage().tier() == StorageTier.ARCHIVE);
      case MOVE_TIER:
        return Optional.of(i.storage().tier() == a.options().tier());
      case RESTORE:
        return Optional.of(
            i.storage().tier().ordinal() <= ActionRunner.tierOr(a, StorageTier.HOT).ordinal());
      case UNSHARE:
        Set<String> accounts = a.options().accounts();
        return Optional.of(
            accounts.isEmpty()
                ? !i.usage().sharing().isShared()
                : i.usage().sharing().accounts().stream().noneMatch(accounts::contains));
      default:
        return Optional.empty();
    }
  }
}
