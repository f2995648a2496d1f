package io.cloudimage.core.lifecycle.execute;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.journal.JournalRecord;
import io.cloudimage.core.lifecycle.Resource;
import io.cloudimage.core.lifecycle.ResourceKind;
import io.cloudimage.core.lifecycle.plan.PlannedAction;
import io.cloudimage.core.lifecycle.policy.Action;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.Capability;
import io.cloudimage.core.provider.CopyRequest;
import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.provider.Sanitization;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one planned action, journaled: settles an interrupted earlier attempt, re-checks the action
 * just before acting, journals the {@code INTENT}, performs the action against the provider and
 * journals its outcome.
 */
final class ActionRunner {
  private static final Logger LOG = LoggerFactory.getLogger(PlanExecutor.class);

  private final ImageProvider provider;
  private final Clock clock;
  private final ProgressListener listener;
  private final Cancellation cancel;
  private final ApplyTimeCheck check;
  private final CrashReconciler reconciler;

  ActionRunner(
      ImageProvider provider,
      Clock clock,
      ProgressListener listener,
      Cancellation cancel,
      ApplyTimeCheck check) {
    this.provider = provider;
    this.clock = clock;
    this.listener = listener;
    this.cancel = cancel;
    this.check = check;
    this.reconciler = new CrashReconciler(provider);
  }

  /**
   * Runs action {@code index} of plan {@code digest} as operation {@code op}; {@code intent} is the
   * {@code INTENT} an interrupted earlier run left without an outcome, if any.
   */
  ActionResult run(
      ActionLog log,
      String op,
      int index,
      PlannedAction a,
      String digest,
      @Nullable JournalRecord intent) {
    if (intent != null) {
      ActionResult settled = reconciler.settle(log, op, index, a, intent);
      if (settled != null) {
        return settled;
      }
    }
    String veto;
    try {
      veto = check.veto(a);
    } catch (CloudImageException e) {
      return log.outcome(
          op, a, index, Status.FAILED, "precondition check failed: " + e.getMessage());
    }
    if (veto != null) {
      return log.outcome(op, a, index, Status.SKIPPED, veto);
    }
    List<String> snapshots;
    try {
      snapshots = snapshotsOf(a);
    } catch (CloudImageException e) {
      return log.outcome(
          op, a, index, Status.FAILED, "cannot read " + a.resource() + ": " + e.getMessage());
    }
    ResourceKind kind = a.kind();
    log.journal()
        .append(
            "INTENT",
            r -> {
              r.put("op", op);
              r.put("plan", digest);
              r.put("index", index);
              r.put("kind", kind.name());
              r.put("resource", a.resource());
              r.put("action", a.action().name());
              r.put("rule", a.rule());
              if (!snapshots.isEmpty()) {
                r.putList("snapshots", snapshots);
              }
              StorageTier tier = a.options().tier();
              if (tier != null) {
                r.put("tier", tier.name());
              }
            });
    try {
      Sanitization s = perform(a);
      if (s != null) {
        log.journal()
            .append(
                "SANITIZATION",
                r -> {
                  r.put("op", op);
                  r.put("kind", kind.name());
                  r.put("resource", s.resourceId());
                  r.put("standard", "NIST SP 800-88");
                  r.put("method", s.method());
                  r.put("detail", s.detail());
                  r.put("verification", s.verification());
                  r.put("completed", s.completed().toString());
                });
      }
      return log.outcome(op, a, index, Status.DONE, "done");
    } catch (CancelledException e) {
      throw e;
    } catch (CloudImageException e) {
      LOG.warn("{} {} failed: {}", a.action(), a.resource(), e.getMessage());
      return log.outcome(op, a, index, Status.FAILED, String.valueOf(e.getMessage()));
    }
  }

  /** The action's target tier, or {@code fallback} when the plan names none. */
  static StorageTier tierOr(PlannedAction a, StorageTier fallback) {
    StorageTier t = a.options().tier();
    return t == null ? fallback : t;
  }

  /**
   * The snapshots an image removal takes with it, read before acting and kept in its {@code
   * INTENT}, so that after a crash the whole effect can be checked, not only the image's absence.
   */
  private List<String> snapshotsOf(PlannedAction a) {
    boolean removes =
        a.kind() == ResourceKind.IMAGE
            && (a.action() == Action.ERASE
                || (a.action() == Action.DEREGISTER && a.options().withSnapshots()));
    if (!removes) {
      return List.of();
    }
    return provider.find(a.resource()).map(Resource::backingSnapshots).orElse(List.of());
  }

  /** Performs the action against the provider; an erasure returns its sanitisation record. */
  private @Nullable Sanitization perform(PlannedAction a) {
    String id = a.resource();
    switch (a.action()) {
      case TAG:
        provider.tag(id, a.options().tags(), Set.of());
        return null;
      case DEPRECATE:
        provider.deprecate(id, clock.instant());
        return null;
      case DISABLE:
        provider.disable(id);
        return null;
      case ARCHIVE:
        provider.moveTier(id, StorageTier.ARCHIVE, listener, cancel);
        return null;
      case MOVE_TIER:
        provider.moveTier(id, tierOr(a, StorageTier.COLD), listener, cancel);
        return null;
      case RESTORE:
        StorageTier current =
            a.kind() == ResourceKind.IMAGE
                ? provider.describe(id).storage().tier()
                : provider.describeSnapshot(id).tier();
        if (current == StorageTier.ARCHIVE
            && provider.capabilities().supports(Capability.RESTORE_TIER)) {
          provider.restoreTier(id, Duration.ofDays(30), listener, cancel);
        } else {
          provider.moveTier(id, tierOr(a, StorageTier.HOT), listener, cancel);
        }
        return null;
      case UNSHARE:
        Set<String> accounts = a.options().accounts();
        provider.unshare(
            id, accounts.isEmpty() ? provider.describe(id).usage().sharing().accounts() : accounts);
        return null;
      case DEREGISTER:
        provider.deregister(
            id,
            a.options().withSnapshots()
                ? DeregisterOptions.DELETE_SNAPSHOTS
                : DeregisterOptions.KEEP_SNAPSHOTS);
        return null;
      case DELETE_SNAPSHOT:
        provider.deleteSnapshot(id);
        return null;
      case COPY:
        String region = a.options().targetRegion();
        if (region == null) {
          throw new InvalidInputException("COPY of " + id + " names no target region");
        }
        Image source = provider.describe(id);
        provider.copyImage(
            CopyRequest.toRegion(id, region, source.name() + "-" + region), listener, cancel);
        return null;
      case ERASE:
        return provider.erase(id, listener, cancel);
      default:
        throw new IllegalStateException("unknown action " + a.action());
    }
  }
}
