package io.cloudimage.core.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Who may use an image and whether anyone does: what lifecycle rules read before removing it.
 *
 * @param visibility who may launch it
 * @param sharing who else may launch it
 * @param inUse whether instances, launch templates or scaling groups use it, as the provider saw
 *     when describing it
 * @param lastLaunched when an instance was last launched from it; {@code null} when never (or
 *     unknown)
 * @param deregistrationProtected whether deregistration protection is on
 */
public record Usage(
    Visibility visibility,
    Sharing sharing,
    boolean inUse,
    @Nullable Instant lastLaunched,
    boolean deregistrationProtected) {
  /** Private, not shared, not in use, never launched, not protected. */
  public static final Usage UNUSED =
      new Usage(Visibility.PRIVATE, Sharing.NONE, false, null, false);

  /** Validates. */
  public Usage {
    Checks.required(visibility, "Usage.visibility");
    Checks.required(sharing, "Usage.sharing");
  }
}
