package io.cloudimage.core.model;

import io.cloudimage.core.error.InvalidInputException;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A point-in-time copy of a volume: what images are backed by on clouds, and what the local
 * provider keeps as a file. Incremental snapshots store only the blocks changed since their parent;
 * an archive tier stores and bills a full copy, which is why both sizes are kept.
 */
public final class Snapshot {
  private final String id;
  private final String provider;
  private final String region;
  private final String description;
  private final long volumeSizeBytes;
  private final long fullSizeBytes;
  private final long incrementalSizeBytes;
  private final @Nullable String parentId;
  private final Instant created;
  private final @Nullable Instant lastAccessed;
  private final @Nullable Instant tierChanged;
  private final StorageTier tier;
  private final SnapshotState state;
  private final boolean encrypted;
  private final @Nullable String kmsKeyId;
  private final Tags tags;

  private Snapshot(Builder b) {
    this.id = Checks.nonBlank(b.id, "Snapshot.id");
    this.provider = Checks.nonBlank(b.provider, "Snapshot.provider");
    this.region = Checks.nonBlank(b.region, "Snapshot.region");
    this.description = Checks.required(b.description, "Snapshot.description");
    this.volumeSizeBytes = Checks.nonNegative(b.volumeSizeBytes, "Snapshot.volumeSizeBytes");
    this.fullSizeBytes = Checks.nonNegative(b.fullSizeBytes, "Snapshot.fullSizeBytes");
    this.incrementalSizeBytes =
        Checks.nonNegative(b.incrementalSizeBytes, "Snapshot.incrementalSizeBytes");
    this.parentId = b.parentId;
    this.created = Checks.required(b.created, "Snapshot.created");
    this.lastAccessed = b.lastAccessed;
    this.tierChanged = b.tierChanged;
    this.tier = Checks.required(b.tier, "Snapshot.tier");
    this.state = Checks.required(b.state, "Snapshot.state");
    this.encrypted = b.encrypted;
    this.kmsKeyId = b.kmsKeyId;
    this.tags = Checks.required(b.tags, "Snapshot.tags");
    validate();
  }

  private void validate() {
    if (kmsKeyId != null && !encrypted) {
      throw new InvalidInputException(
          "Snapshot.kmsKeyId is set for " + id + " but encrypted is false");
    }
    if (incrementalSizeBytes > fullSizeBytes && fullSizeBytes > 0) {
      throw new InvalidInputException(
          "Snapshot.incrementalSizeBytes must be <= fullSizeBytes for "
              + id
              + ", was "
              + incrementalSizeBytes
              + " > "
              + fullSizeBytes);
    }
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this snapshot's values, to make a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.provider = provider;
    b.region = region;
    b.description = description;
    b.volumeSizeBytes = volumeSizeBytes;
    b.fullSizeBytes = fullSizeBytes;
    b.incrementalSizeBytes = incrementalSizeBytes;
    b.parentId = parentId;
    b.created = created;
    b.lastAccessed = lastAccessed;
    b.tierChanged = tierChanged;
    b.tier = tier;
    b.state = state;
    b.encrypted = encrypted;
    b.kmsKeyId = kmsKeyId;
    b.tags = tags;
    return b;
  }

  /** Returns the provider's snapshot id. */
  public String id() {
    return id;
  }

  /** Returns the provider's name. */
  public String provider() {
    return provider;
  }

  /** Returns the region. */
  public String region() {
    return region;
  }

  /** Returns a free-text description; empty when none. */
  public String description() {
    return description;
  }

  /** Returns the size of the volume it was taken from. */
  public long volumeSizeBytes() {
    return volumeSizeBytes;
  }

  /** Returns the bytes a full copy of its data takes (what an archive tier stores and bills). */
  public long fullSizeBytes() {
    return fullSizeBytes;
  }

  /**
   * Returns the bytes this snapshot itself stores beyond its parent (what a standard tier bills).
   */
  public long incrementalSizeBytes() {
    return incrementalSizeBytes;
  }

  /** Returns the snapshot it is incremental on, or {@code null}. */
  public @Nullable String parentId() {
    return parentId;
  }

  /** Returns when it was taken. */
  public Instant created() {
    return created;
  }

  /**
   * Returns when it was last read (restored, copied, launched from), or {@code null} when never.
   */
  public @Nullable Instant lastAccessed() {
    return lastAccessed;
  }

  /** Returns when it entered its current tier, or {@code null} when it was created there. */
  public @Nullable Instant tierChanged() {
    return tierChanged;
  }

  /** Returns its storage tier; default hot. */
  public StorageTier tier() {
    return tier;
  }

  /** Returns its state; default completed. */
  public SnapshotState state() {
    return state;
  }

  /** Returns whether it is encrypted. */
  public boolean encrypted() {
    return encrypted;
  }

  /** Returns the encryption key, or {@code null}. */
  public @Nullable String kmsKeyId() {
    return kmsKeyId;
  }

  /** Returns its tags. */
  public Tags tags() {
    return tags;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Snapshot)) {
      return false;
    }
    Snapshot other = (Snapshot) o;
    return Objects.equals(id, other.id)
        && Objects.equals(provider, other.provider)
        && Objects.equals(region, other.region)
        && Objects.equals(description, other.description)
        && volumeSizeBytes == other.volumeSizeBytes
        && fullSizeBytes == other.fullSizeBytes
        && incrementalSizeBytes == other.incrementalSizeBytes
        && Objects.equals(parentId, other.parentId)
        && Objects.equals(created, other.created)
        && Objects.equals(lastAccessed, other.lastAccessed)
        && Objects.equals(tierChanged, other.tierChanged)
        && Objects.equals(tier, other.tier)
        && Objects.equals(state, other.state)
        && encrypted == other.encrypted
        && Objects.equals(kmsKeyId, other.kmsKeyId)
        && Objects.equals(tags, other.tags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id,
        provider,
        region,
        description,
        volumeSizeBytes,
        fullSizeBytes,
        incrementalSizeBytes,
        parentId,
        created,
        lastAccessed,
        tierChanged,
        tier,
        state,
        encrypted,
        kmsKeyId,
        tags);
  }

  @Override
  public String toString() {
    return "Snapshot{" + id + "}";
  }

  /** Builds a {@link Snapshot}; {@link #build()} validates and names the field that is wrong. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String provider;
    private @Nullable String region;
    private @Nullable String description = "";
    private long volumeSizeBytes = 0L;
    private long fullSizeBytes = 0L;
    private long incrementalSizeBytes = 0L;
    private @Nullable String parentId;
    private @Nullable Instant created;
    private @Nullable Instant lastAccessed;
    private @Nullable Instant tierChanged;
    private @Nullable StorageTier tier = StorageTier.HOT;
    private @Nullable SnapshotState state = SnapshotState.COMPLETED;
    private boolean encrypted = false;
    private @Nullable String kmsKeyId;
    private @Nullable Tags tags = Tags.EMPTY;

    private Builder() {}

    /** Sets the provider's snapshot id. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Sets the provider's name. */
    public Builder provider(String provider) {
      this.provider = provider;
      return this;
    }

    /** Sets the region. */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** Sets a free-text description; empty when none. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** Sets the size of the volume it was taken from. */
    public Builder volumeSizeBytes(long volumeSizeBytes) {
      this.volumeSizeBytes = volumeSizeBytes;
      return this;
    }

    /** Sets the bytes a full copy of its data takes (what an archive tier stores and bills). */
    public Builder fullSizeBytes(long fullSizeBytes) {
      this.fullSizeBytes = fullSizeBytes;
      return this;
    }

    /**
     * Sets the bytes this snapshot itself stores beyond its parent (what a standard tier bills).
     */
    public Builder incrementalSizeBytes(long incrementalSizeBytes) {
      this.incrementalSizeBytes = incrementalSizeBytes;
      return this;
    }

    /** Sets the snapshot it is incremental on, or {@code null}. */
    public Builder parentId(@Nullable String parentId) {
      this.parentId = parentId;
      return this;
    }

    /** Sets when it was taken. */
    public Builder created(Instant created) {
      this.created = created;
      return this;
    }

    /** Sets when it was last read (restored, copied, launched from), or {@code null} when never. */
    public Builder lastAccessed(@Nullable Instant lastAccessed) {
      this.lastAccessed = lastAccessed;
      return this;
    }

    /** Sets when it entered its current tier, or {@code null} when it was created there. */
    public Builder tierChanged(@Nullable Instant tierChanged) {
      this.tierChanged = tierChanged;
      return this;
    }

    /** Sets its storage tier; default hot. */
    public Builder tier(StorageTier tier) {
      this.tier = tier;
      return this;
    }

    /** Sets its state; default completed. */
    public Builder state(SnapshotState state) {
      this.state = state;
      return this;
    }

    /** Sets whether it is encrypted. */
    public Builder encrypted(boolean encrypted) {
      this.encrypted = encrypted;
      return this;
    }

    /** Sets the encryption key, or {@code null}. */
    public Builder kmsKeyId(@Nullable String kmsKeyId) {
      this.kmsKeyId = kmsKeyId;
      return this;
    }

    /** Sets its tags. */
    public Builder tags(Tags tags) {
      this.tags = tags;
      return this;
    }

    /** Adds or replaces one tag. */
    public Builder tag(String key, String value) {
      Tags current = this.tags;
      this.tags = (current == null ? Tags.EMPTY : current).with(key, value);
      return this;
    }

    /**
     * Builds the snapshot.
     *
     * @throws InvalidInputException naming the field that is missing or wrong
     */
    public Snapshot build() {
      return new Snapshot(this);
    }
  }
}
