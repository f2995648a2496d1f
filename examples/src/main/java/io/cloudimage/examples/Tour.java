package io.cloudimage.examples;

import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.execute.ApplyResult;
import io.cloudimage.core.lifecycle.execute.PlanExecutor;
import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.select.CandidateCatalog;
import io.cloudimage.core.select.ImageSelector;
import io.cloudimage.core.select.Scenario;
import io.cloudimage.core.select.Selection;
import io.cloudimage.security.pgp.VerificationResult;
import io.cloudimage.security.pgp.Verifier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

/** The README's API tour: select, verify, plan and apply. Each method is one README snippet. */
public final class Tour {
  private Tour() {}

  /** Choose a base image for a database cluster from a catalog of candidates. */
  static void select(Path catalog) {
    ImageSelector selector = ImageSelector.builder().scenario(Scenario.DATABASE).top(3).build();
    try (Stream<Image> candidates = CandidateCatalog.open(catalog)) {
      Selection selection = selector.select(candidates);
      selection
          .best()
          .ifPresent(
              r ->
                  System.out.println(
                      r.image().name()
                          + " on "
                          + r.instanceType().name()
                          + ", "
                          + r.storage().tier()
                          + " + "
                          + r.storage().strategy().id()));
      selection
          .excluded()
          .forEach(e -> System.out.println("excluded " + e.image() + ": " + e.reason()));
    }
  }

  /**
   * Check a download the way gpgv would, pinned to the publisher's key; a bad or missing signature
   * throws {@link io.cloudimage.core.error.CheckFailedException}.
   */
  static VerificationResult verify(Path sums, Path signature, Path keyring, String fingerprint) {
    Verifier verifier = Verifier.builder().keyRing(keyring).requireFingerprint(fingerprint).build();
    VerificationResult result = verifier.verifyDetachedOrThrow(sums, signature);
    return result;
  }

  /** Plan the shipped policy against a local home, preview it, then apply it with a journal. */
  static void retire(Path home, Path journal) {
    try (LocalProvider local = LocalProvider.builder().home(home).build()) {
      Plan plan =
          LifecyclePlanner.builder()
              .prices(local.tierPrices())
              .build()
              .plan(Inventory.of(local), LifecyclePolicy.defaultPolicy(), Clock.systemUTC());
      System.out.println(
          plan.actions().size() + " actions save " + plan.monthlySaving() + " a month");
      PlanExecutor executor = PlanExecutor.builder().provider(local).journal(journal).build();
      ApplyResult preview = executor.dryRun(plan); // changes nothing
      System.out.println(preview.results().size() + " actions would run");
      ApplyResult applied = executor.apply(plan); // journaled, re-checked, resumable
      System.out.println(applied.complete() ? "applied" : "stopped early; rerun to resume");
    }
  }

  /** Usage: Tour CATALOG HOME JOURNAL. */
  public static void main(String[] args) {
    select(Path.of(args[0]));
    retire(Path.of(args[1]), Path.of(args[2]));
  }
}
