package io.cloudimage.core.lifecycle.plan;

import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.json.internal.JsonFiles;
import io.cloudimage.core.pricing.Money;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a policy would do to an inventory at one instant: every action with its resource, rule,
 * reason and monthly saving, the rule matches that were skipped and why, and the total. A plan is
 * immutable and deterministic: the same inventory, policy and instant give the same plan, and its
 * JSON carries a SHA-256 {@link #digest()} of its content so that an edited plan file is refused.
 *
 * <p>JSON ({@code lifecycle plan --json}, the file {@code lifecycle apply --plan} takes):
 *
 * <pre>{@code
 * {"format":"cloudimage-lifecycle-plan","version":1,"policy":"default",
 *  "createdAt":"2026-11-01T00:00:00Z","currency":"USD","priceBook":"aws/us-east-1",
 *  "monthlySaving":123.45,
 *  "actions":[{"resource":"ami-0abc","kind":"IMAGE","action":"ARCHIVE","rule":"archive-unused-30d",
 *              "reason":"…","monthlySaving":12.34,"tier":null,…}],
 *  "skipped":[{"resource":"snap-1","kind":"SNAPSHOT","action":"ARCHIVE","rule":"…","reason":"…"}],
 *  "digest":"sha256:…"}
 * }</pre>
 *
 * <p>The file format is written and read by {@code PlanFile}; planning is in {@link
 * LifecyclePlanner}.
 */
public final class Plan {
  private final String policy;
  private final Instant createdAt;
  private final Currency currency;
  private final String priceBook;
  private final List<PlannedAction> actions;
  private final List<SkippedAction> skipped;
  private final Money monthlySaving;
  private volatile @Nullable String digest;

  Plan(
      String policy,
      Instant createdAt,
      Currency currency,
      String priceBook,
      List<PlannedAction> actions,
      List<SkippedAction> skipped) {
    this.policy = policy;
    this.createdAt = createdAt;
    this.currency = currency;
    this.priceBook = priceBook;
    this.actions = List.copyOf(actions);
    this.skipped = List.copyOf(skipped);
    Money total = Money.zero(currency);
    for (PlannedAction a : this.actions) {
      total = total.plus(a.monthlySaving());
    }
    this.monthlySaving = total;
  }

  /** The name of the policy the plan was made with. */
  public String policy() {
    return policy;
  }

  /** The instant the plan was made as of. */
  public Instant createdAt() {
    return createdAt;
  }

  /** The currency of every amount. */
  public Currency currency() {
    return currency;
  }

  /** The price book the savings come from, as {@code provider/region}. */
  public String priceBook() {
    return priceBook;
  }

  /** The actions, in execution order. */
  public List<PlannedAction> actions() {
    return actions;
  }

  /** The rule matches that were not planned, with reasons. */
  public List<SkippedAction> skipped() {
    return skipped;
  }

  /** The sum of the actions' monthly savings. */
  public Money monthlySaving() {
    return monthlySaving;
  }

  /**
   * This plan with each action's recovery window (for example {@code provider::recoveryWindow} for
   * deletions), so a reader sees what can still be undone. Asks {@code windows} only for
   * destructive actions.
   */
  public Plan withRecoveryWindows(Function<String, Optional<Duration>> windows) {
    List<PlannedAction> out = new ArrayList<>(actions.size());
    for (PlannedAction a : actions) {
      out.add(
          a.action().destructive()
              ? a.withRecoveryWindow(windows.apply(a.resource()).orElse(null))
              : a);
    }
    return new Plan(policy, createdAt, currency, priceBook, out, skipped);
  }

  /** The SHA-256 of the plan's content, as {@code sha256:hex}. */
  public String digest() {
    String d = digest;
    if (d == null) {
      MessageDigest md = sha256();
      try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
        PlanFile.write(this, out, JsonStyle.COMPACT, null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      d = "sha256:" + HexFormat.of().formatHex(md.digest());
      digest = d;
    }
    return d;
  }

  /**
   * Writes the plan's JSON, digest included, to {@code out} (left open), laid out as {@code style}.
   */
  public void writeJson(OutputStream out, JsonStyle style) {
    try {
      PlanFile.write(this, out, style, digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the plan file atomically. */
  public void write(Path file) {
    JsonFiles.writeAtomically(file, out -> PlanFile.write(this, out, JsonStyle.PRETTY, digest()));
  }

  /**
   * Reads a plan file and checks its digest.
   *
   * @throws NotFoundException when the file does not exist
   * @throws InvalidInputException when it is not a plan file, naming the field and line
   * @throws CheckFailedException when the content does not match its digest (the file was edited
   *     after it was made)
   */
  public static Plan read(Path file) {
    return PlanFile.read(file);
  }

  /** Reads a plan from a stream; see {@link #read(Path)}. */
  public static Plan read(InputStream in, String source) {
    return PlanFile.read(in, source);
  }

  /** An amount rounded to cents, as plans carry it. */
  static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_EVEN);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "Plan{"
        + policy
        + ", "
        + actions.size()
        + " actions, saves "
        + monthlySaving.rounded()
        + "/month}";
  }
}
