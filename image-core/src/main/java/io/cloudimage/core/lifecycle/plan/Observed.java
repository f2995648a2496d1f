package io.cloudimage.core.lifecycle.plan;

import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.Snapshot;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The state of a resource as the planner saw it, carried by each {@link PlannedAction} so that the
 * executor can tell, at apply time, whether the resource changed since planning.
 *
 * @param state the image or snapshot state ({@code AVAILABLE}, {@code COMPLETED}…)
 * @param lastUse when an image was last launched or a snapshot last read; {@code null} when never
 * @param inUse whether the provider reported an image in use
 * @param tags its tags
 * @param sizeBytes an image's size, a snapshot's full size
 * @param tier its storage tier
 */
public record Observed(
    String state,
    @Nullable Instant lastUse,
    boolean inUse,
    Tags tags,
    long sizeBytes,
    StorageTier tier) {

  /** What an image shows now. */
  public static Observed of(Image image) {
    return new Observed(
        image.state().name(),
        image.usage().lastLaunched(),
        image.usage().inUse(),
        image.tags(),
        image.storage().sizeBytes(),
        image.storage().tier());
  }

  /** What a snapshot shows now. */
  public static Observed of(Snapshot snapshot) {
    return new Observed(
        snapshot.state().name(),
        snapshot.lastAccessed(),
        false,
        snapshot.tags(),
        snapshot.fullSizeBytes(),
        snapshot.tier());
  }

  /**
   * What differs between this (as planned) and {@code now}, one phrase per field ({@code "tier HOT
   * -> COLD"}); empty when nothing does.
   */
  public List<String> differencesTo(Observed now) {
    List<String> out = new ArrayList<>();
    if (!state.equals(now.state)) {
      out.add("state " + state + " -> " + now.state);
    }
    if (!Objects.equals(lastUse, now.lastUse)) {
      out.add("last use " + lastUse + " -> " + now.lastUse);
    }
    if (inUse != now.inUse) {
      out.add("in use " + inUse + " -> " + now.inUse);
    }
    if (!tags.equals(now.tags)) {
      out.add("tags " + tags.asMap() + " -> " + now.tags.asMap());
    }
    if (sizeBytes != now.sizeBytes) {
      out.add("size " + sizeBytes + " -> " + now.sizeBytes + " bytes");
    }
    if (tier != now.tier) {
      out.add("tier " + tier + " -> " + now.tier);
    }
    return out;
  }
}
