package io.cloudimage.core.lifecycle.policy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.lifecycle.ResourceKind;
import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import java.util.Locale;

/**
 * What a rule does to a matching image or snapshot. The names are the ones plans, policy files and
 * the command line use.
 */
public enum Action {
  /** Adds tags (image or snapshot); changes nothing else, so exclusions do not hold it back. */
  TAG(true, true, false, false),
  /** Deprecates an image: hidden from lists, still launchable by id. */
  DEPRECATE(true, false, true, false),
  /** Disables an image: nobody may launch it, its storage is kept. */
  DISABLE(true, false, true, false),
  /** Moves storage to the archive tier, when that pays (see {@link LifecyclePlanner}). */
  ARCHIVE(true, true, true, false),
  /** Moves storage to a colder tier named by the rule, when that pays. */
  MOVE_TIER(true, true, true, false),
  /** Brings archived or cold storage back to a hotter tier (hot unless the rule names one). */
  RESTORE(true, true, true, false),
  /** Stops sharing an image with other accounts. */
  UNSHARE(true, false, true, false),
  /** Deregisters an image, with or without its backing snapshots. */
  DEREGISTER(true, false, true, true),
  /** Deletes a snapshot that backs no registered image. */
  DELETE_SNAPSHOT(false, true, true, true),
  /** Copies an image (for example a disaster-recovery copy to another region). */
  COPY(true, false, false, false),
  /** Sanitises an image per NIST SP 800-88 and removes it. */
  ERASE(true, false, true, true);

  private final boolean images;
  private final boolean snapshots;
  private final boolean changesResource;
  private final boolean destructive;

  Action(boolean images, boolean snapshots, boolean changesResource, boolean destructive) {
    this.images = images;
    this.snapshots = snapshots;
    this.changesResource = changesResource;
    this.destructive = destructive;
  }

  /** Whether the action can act on this kind of resource. */
  public boolean appliesTo(ResourceKind kind) {
    return kind == ResourceKind.IMAGE ? images : snapshots;
  }

  /**
   * Whether the action changes the resource itself. Exclusions hold back every action that does;
   * {@link #TAG} and {@link #COPY} leave the resource as it is.
   */
  public boolean changesResource() {
    return changesResource;
  }

  /** Whether the action removes data; the executor re-checks such actions just before acting. */
  public boolean destructive() {
    return destructive;
  }

  /**
   * Parses an action name in any case.
   *
   * @throws InvalidInputException listing the accepted names
   */
  public static Action parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "unknown action '"
              + text
              + "'; use TAG, DEPRECATE, DISABLE, ARCHIVE, MOVE_TIER, RESTORE, UNSHARE, DEREGISTER,"
              + " DELETE_SNAPSHOT, COPY or ERASE",
          e);
    }
  }
}
