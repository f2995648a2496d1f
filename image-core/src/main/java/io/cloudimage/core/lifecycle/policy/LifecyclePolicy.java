package io.cloudimage.core.lifecycle.policy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.lifecycle.FamilyKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What to do with images and snapshots as they age: ordered rules ({@link Condition} to {@link
 * Action}) and exclusions no rule can override.
 *
 * <p>For each resource the first rule whose conditions hold and whose action would change something
 * decides. An excluded resource gets no action that changes it, whatever the rules say; the plan
 * lists it as skipped with the exclusion. The exclusions are: images in use (launched, running, or
 * referenced by a launch template or scaling group as the provider reports), images shared with
 * other accounts or public (unless {@link Builder#sharedDoesNotCountAsInUse()} is chosen),
 * deregistration-protected images, anything tagged {@value #KEEP_TAG}, snapshots backing an image
 * that still holds its storage (including disabled and deregistering images), anything inside its
 * tier's minimum retention, and the newest image of each family (unless {@link
 * Builder#allowActionsOnNewestOfFamily()} is chosen).
 *
 * <pre>{@code
 * LifecyclePolicy policy = LifecyclePolicy.builder()
 *     .name("platform")
 *     .rule("archive-unused", r -> r.when(Condition.unusedFor(Duration.ofDays(30))).then(Action.ARCHIVE))
 *     .rule("prune-family", r -> r.when(Condition.moreThanInFamily(3), Condition.deprecatedFor(Duration.ofDays(30)))
 *                                  .then(Action.DEREGISTER))
 *     .build();
 * LifecyclePolicy same = LifecyclePolicy.read(Path.of("policy.yaml"));
 * }</pre>
 */
public final class LifecyclePolicy {
  /** The tag that keeps a resource out of every plan. */
  public static final String KEEP_TAG = "cloudimage:keep";

  private static final String DEFAULT_RESOURCE = "default-policy.yaml";

  private final String name;
  private final List<Rule> rules;
  private final FamilyKey family;
  private final boolean protectNewestOfFamily;
  private final boolean sharedCountsAsInUse;
  private final Duration imageRecordRetention;
  private final Duration snapshotRecordRetention;

  private LifecyclePolicy(Builder b) {
    this.name = b.name;
    this.rules = List.copyOf(b.rules);
    this.family = b.family;
    this.protectNewestOfFamily = b.protectNewestOfFamily;
    this.sharedCountsAsInUse = b.sharedCountsAsInUse;
    this.imageRecordRetention = b.imageRecordRetention;
    this.snapshotRecordRetention = b.snapshotRecordRetention;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The shipped policy with the seed's rules: images unused for 30 days are archived (when that
   * pays), images and snapshots not accessed for 90 days move to the cold tier; image-operation
   * audit records are kept 60 days, snapshot-operation records 180 days.
   */
  public static LifecyclePolicy defaultPolicy() {
    try (InputStream in = LifecyclePolicy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the image-core jar");
      }
      return PolicyReader.read(in.readAllBytes(), DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a policy file, YAML ({@code .yaml}, {@code .yml}) or JSON, with the builder's vocabulary.
   * The name {@code default} (not an existing file) gives {@link #defaultPolicy()}.
   *
   * @throws NotFoundException when the file does not exist
   * @throws InvalidInputException naming the file, line and field that is wrong
   */
  public static LifecyclePolicy read(Path file) {
    if (file.toString().equals("default") && !Files.exists(file)) {
      return defaultPolicy();
    }
    try {
      return PolicyReader.read(Files.readAllBytes(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new NotFoundException("policy file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** The policy's name. */
  public String name() {
    return name;
  }

  /** The rules, in the order they are tried. */
  public List<Rule> rules() {
    return rules;
  }

  /** How images are grouped into families. */
  public FamilyKey family() {
    return family;
  }

  /** Whether the newest image of each family is kept out of every plan (default yes). */
  public boolean protectNewestOfFamily() {
    return protectNewestOfFamily;
  }

  /** Whether a shared or public image counts as possibly in use (default yes). */
  public boolean sharedCountsAsInUse() {
    return sharedCountsAsInUse;
  }

  /** How long journal records of image operations are kept (default 60 days). */
  public Duration imageRecordRetention() {
    return imageRecordRetention;
  }

  /** How long journal records of snapshot operations are kept (default 180 days). */
  public Duration snapshotRecordRetention() {
    return snapshotRecordRetention;
  }

  /** The number of newest images per family the planner must rank. */
  public int familyDepth() {
    int depth = protectNewestOfFamily ? 1 : 0;
    for (Rule r : rules) {
      depth = Math.max(depth, r.familyKeep());
    }
    return depth;
  }

  @Override
  public String toString() {
    return "LifecyclePolicy{" + name + ", " + rules.size() + " rules}";
  }

  /** Builds a {@link LifecyclePolicy}; every option says its default. */
  public static final class Builder {
    private String name = "policy";
    private final List<Rule> rules = new ArrayList<>();
    private final Set<String> ruleNames = new HashSet<>();
    private FamilyKey family = FamilyKey.field();
    private boolean protectNewestOfFamily = true;
    private boolean sharedCountsAsInUse = true;
    private Duration imageRecordRetention = Duration.ofDays(60);
    private Duration snapshotRecordRetention = Duration.ofDays(180);

    private Builder() {}

    /** The policy's name (default {@code policy}), quoted in plans. */
    public Builder name(String name) {
      if (name.isBlank()) {
        throw new InvalidInputException("LifecyclePolicy.name must not be blank");
      }
      this.name = name;
      return this;
    }

    /**
     * Adds a rule, tried after the ones already added.
     *
     * @throws InvalidInputException when the name is taken or the rule is incomplete
     */
    public Builder rule(String ruleName, Consumer<Rule.Builder> spec) {
      Rule.Builder b = new Rule.Builder(ruleName);
      spec.accept(b);
      return rule(b.build());
    }

    /** Adds a rule made elsewhere. */
    public Builder rule(Rule rule) {
      if (!ruleNames.add(rule.name())) {
        throw new InvalidInputException("two rules are named '" + rule.name() + "'");
      }
      if (rules.size() == 64) {
        throw new InvalidInputException("a policy holds at most 64 rules");
      }
      rules.add(rule);
      return this;
    }

    /** How images are grouped into families (default {@link FamilyKey#field()}). */
    public Builder family(FamilyKey family) {
      this.family = family;
      return this;
    }

    /** Keeps the newest image of each family out of every plan; the default. */
    public Builder protectNewestOfFamily() {
      this.protectNewestOfFamily = true;
      return this;
    }

    /**
     * Lets rules act on the newest image of a family as on any other (by default it is kept out of
     * every plan).
     */
    public Builder allowActionsOnNewestOfFamily() {
      this.protectNewestOfFamily = false;
      return this;
    }

    /**
     * Counts an image shared with other accounts, or public, as possibly in use, so no rule changes
     * it; the default, because launches by other accounts are invisible to the owner.
     */
    public Builder sharedCountsAsInUse() {
      this.sharedCountsAsInUse = true;
      return this;
    }

    /**
     * Lets rules act on shared and public images as on private ones (by default they count as
     * possibly in use); their launches by other accounts stay invisible, so use it only where
     * nobody else launches them.
     */
    public Builder sharedDoesNotCountAsInUse() {
      this.sharedCountsAsInUse = false;
      return this;
    }

    /**
     * How long the journal keeps records of image operations and of snapshot operations (default 60
     * and 180 days).
     */
    public Builder auditRetention(Duration imageRecords, Duration snapshotRecords) {
      if (imageRecords.isNegative()
          || imageRecords.isZero()
          || snapshotRecords.isNegative()
          || snapshotRecords.isZero()) {
        throw new InvalidInputException(
            "auditRetention must be positive, was " + imageRecords + " and " + snapshotRecords);
      }
      this.imageRecordRetention = imageRecords;
      this.snapshotRecordRetention = snapshotRecords;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws InvalidInputException when it has no rule
     */
    public LifecyclePolicy build() {
      if (rules.isEmpty()) {
        throw new InvalidInputException("policy '" + name + "' has no rules");
      }
      return new LifecyclePolicy(this);
    }
  }
}
