package io.cloudimage.consumer;

import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.execute.ApplyResult;
import io.cloudimage.core.lifecycle.execute.PlanExecutor;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.ImportRequest;
import io.cloudimage.core.select.CandidateCatalog;
import io.cloudimage.core.select.ImageSelector;
import io.cloudimage.core.select.Scenario;
import io.cloudimage.core.select.Selection;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the snippets of the README's "Five minutes with the API" end to end on a temporary local
 * home, printing one line per step. Exits with 1 when a step does not give what the README says.
 *
 * <p>The snippet that verifies a detached signature is not run: it needs a publisher's keyring and
 * signature, which this project cannot make without gpg.
 */
public final class ReadmeSnippets {
  private ReadmeSnippets() {}

  /** Usage: ReadmeSnippets [WORKDIR]; without one, a temporary folder that is removed after. */
  public static void main(String[] args) throws IOException {
    boolean temporary = args.length == 0;
    Path work = temporary ? Files.createTempDirectory("cloudimage-consumer") : Path.of(args[0]);
    try {
      run(work);
      System.out.println("ok: every snippet ran on the module path");
    } catch (RuntimeException | AssertionError e) {
      System.err.println("FAILED: " + e);
      e.printStackTrace();
      System.exit(1);
    } finally {
      if (temporary) {
        deleteTree(work);
      }
    }
  }

  private static void run(Path work) throws IOException {
    Path home = work.resolve("home");
    Path disk = work.resolve("web-base.raw");
    writeDisk(disk, 2 << 20);
    String moduleName = LocalProvider.class.getModule().getName();
    check("io.cloudimage.core".equals(moduleName), "LocalProvider is in module " + moduleName);

    try (LocalProvider local = LocalProvider.builder().home(home).build()) {
      // Import a disk image into a local home, move it to the archive tier and list what is there.
      Image image =
          local.importImage(
              ImportRequest.of(
                  disk, "web-base", OperatingSystem.parse("ubuntu:24.04"), Architecture.ARM64),
              ProgressListener.NONE,
              Cancellation.never());
      step("import", image.nativeId() + " " + image.name() + " " + image.storage().tier());

      local.moveTier(
          image.nativeId(), StorageTier.ARCHIVE, ProgressListener.NONE, Cancellation.never());
      step("move tier", image.nativeId() + " to " + StorageTier.ARCHIVE);

      List<Image> listed;
      try (Stream<Image> all =
          local.images(ImageQuery.builder().architecture(Architecture.ARM64).build())) {
        listed = all.collect(Collectors.toList());
      }
      for (Image i : listed) {
        step("list", i.nativeId() + " " + i.name() + " " + i.storage().tier() + " " + i.storage().digest());
      }
      check(listed.size() == 1, "listed " + listed.size() + " images, expected 1");
      check(
          listed.get(0).storage().tier() == StorageTier.ARCHIVE,
          "listed tier " + listed.get(0).storage().tier() + ", expected " + StorageTier.ARCHIVE);

      // Choose a base image for a workload, from the catalog shipped with the library.
      ImageSelector selector = ImageSelector.builder().scenario(Scenario.DATABASE).top(3).build();
      try (Stream<Image> candidates = CandidateCatalog.sample()) {
        Selection selection = selector.select(candidates);
        check(selection.best().isPresent(), "the sample catalog has no image for a database");
        selection
            .best()
            .ifPresent(
                r -> step("select", r.image().name() + " on " + r.instanceType().name()));
      }

      // Plan the shipped policy against the home (pure), then see what applying it would do.
      Clock clock = Clock.systemUTC();
      Plan plan =
          LifecyclePlanner.builder()
              .prices(local.tierPrices())
              .build()
              .plan(Inventory.of(local), LifecyclePolicy.defaultPolicy(), clock);
      step("plan", plan.actions().size() + " actions save " + plan.monthlySaving() + " a month");

      ApplyResult dryRun =
          PlanExecutor.builder()
              .provider(local)
              .journal(work.resolve("journal"))
              .clock(clock)
              .build()
              .dryRun(plan);
      step("dry run", dryRun.results().size() + " results, stopped by " + dryRun.stoppedBy());
      check(dryRun.dryRun(), "the dry run says it changed something");
      check(dryRun.stoppedBy() == null, "the dry run stopped early: " + dryRun.stoppedBy());
    }
  }

  private static void step(String name, String detail) {
    System.out.println(name + ": " + detail);
  }

  private static void check(boolean condition, String failure) {
    if (!condition) {
      throw new AssertionError(failure);
    }
  }

  /** A small raw disk: a recognisable pattern, so that its digest is not that of zeros. */
  private static void writeDisk(Path file, int size) throws IOException {
    byte[] block = new byte[4096];
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) (i * 31);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int written = 0; written < size; written += block.length) {
        out.write(block);
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }
}
