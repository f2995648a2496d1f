package io.cloudimage.examples.cli;

import io.cloudimage.core.provider.DeregisterOptions;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.journal.Verification;
import io.cloudimage.core.lifecycle.Inventory;
import io.cloudimage.core.lifecycle.LifecyclePlanner;
import io.cloudimage.core.lifecycle.LifecyclePolicy;
import io.cloudimage.core.lifecycle.Plan;
import io.cloudimage.core.lifecycle.PlannedAction;
import io.cloudimage.core.lifecycle.SkippedAction;
import io.cloudimage.core.lifecycle.execute.ApplyResult;
import io.cloudimage.core.lifecycle.execute.PlanExecutor;
import io.cloudimage.core.lifecycle.execute.Status;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.model.TierProfile;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.provider.ImageQuery;
import io.cloudimage.core.provider.ImportRequest;
import io.cloudimage.core.select.CandidateCatalog;
import io.cloudimage.core.select.ImageSelector;
import io.cloudimage.core.select.Recommendation;
import io.cloudimage.core.select.Scenario;
import io.cloudimage.core.select.Selection;
import io.cloudimage.security.checksum.FileCheck;
import io.cloudimage.security.checksum.ManifestReport;
import io.cloudimage.security.checksum.ManifestVerifier;
import io.cloudimage.security.digest.DigestAlgorithm;
import io.cloudimage.security.digest.DigestResult;
import io.cloudimage.security.digest.MultiDigest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cloudimage tour}: the guided story on a fresh local provider. Each step calls the public
 * API and prints what it showed.
 */
@Command(
    name = "tour",
    mixinStandardHelpOptions = true,
    description = "A guided tour of cloudimage on a fresh local provider.")
final class TourCommand implements Callable<Integer> {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  @Option(
      names = "--workdir",
      paramLabel = "DIR",
      description =
          "Where the tour keeps its home and files (default: a temporary folder, removed afterwards).")
  @Nullable Path workdir;

  /** What the steps share. */
  static final class Context {
    final Path workdir;
    final LocalProvider local;
    final Map<String, Image> images = new LinkedHashMap<>();
    final PrintStream out;
    final ProgressBar progress;

    Context(Path workdir, LocalProvider local, PrintStream out, ProgressBar progress) {
      this.workdir = workdir;
      this.local = local;
      this.out = out;
      this.progress = progress;
    }
  }

  /** One step of the tour. */
  interface Step {
    String title();

    void run(Context tour) throws IOException;
  }

  /** The steps, in order. */
  static List<Step> steps() {
    List<Step> steps = new ArrayList<>();
    steps.add(new ImportSamples());
    steps.add(new ListInventory());
    steps.add(new CheckDownloads());
    steps.add(new SelectForScenarios());
    steps.add(new LaunchOne());
    steps.add(new ArchiveOne());
    steps.add(new RemoveAndRestore());
    steps.add(new PlanLifecycle());
    return steps;
  }

  @Override
  public Integer call() throws IOException {
    boolean temporary = workdir == null;
    Path dir = workdir == null ? Files.createTempDirectory("cloudimage-tour-") : workdir;
    Files.createDirectories(dir);
    PrintStream out = System.out;
    out.println("cloudimage tour — working in " + dir);
    try (LocalProvider local = LocalProvider.builder().home(dir.resolve("home")).build()) {
      Context tour = new Context(dir, local, out, root.progress());
      int n = 1;
      for (Step step : steps()) {
        out.println();
        out.println("== Step " + n++ + ": " + step.title());
        step.run(tour);
      }
    } finally {
      if (temporary) {
        deleteTree(dir);
      }
    }
    out.println();
    out.println("Tour finished.");
    return ExitCodes.OK;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Money with four decimals, for the tour's small sample disks. */
  static String small(io.cloudimage.core.model.Money money) {
    return money.amount().setScale(4, java.math.RoundingMode.HALF_EVEN).toPlainString()
        + " "
        + money.currency().getCurrencyCode();
  }

  /** Writes a small deterministic disk with an MBR boot signature: {@code mib} MiB. */
  static Path sampleDisk(Path dir, String name, int mib, long seed) {
    Path file = dir.resolve(name);
    byte[] block = new byte[1 << 16];
    Random random = new Random(seed);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < mib * 16; i++) {
        // Mostly zeros, like a fresh filesystem, with some data blocks.
        java.util.Arrays.fill(block, (byte) 0);
        if (i % 4 == 0) {
          random.nextBytes(block);
        }
        if (i == 0) {
          block[510] = 0x55;
          block[511] = (byte) 0xAA;
        }
        out.write(block);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  static final class ImportSamples implements Step {
    @Override
    public String title() {
      return "generate five small sample disks and import them";
    }

    @Override
    public void run(Context tour) throws IOException {
      Path samples = Files.createDirectories(tour.workdir.resolve("samples"));
      Object[][] specs = {
        {"web-ubuntu-22.04", "ubuntu:22.04", Architecture.ARM64, 3, StorageTier.HOT},
        {"web-ubuntu-24.04", "ubuntu:24.04", Architecture.ARM64, 4, StorageTier.HOT},
        {"db-debian-12", "debian:12", Architecture.X86_64, 6, StorageTier.WARM},
        {"legacy-rhel-8", "rhel:8", Architecture.X86_64, 3, StorageTier.HOT},
        {"app-alinux-3", "alinux:3", Architecture.ARM64, 2, StorageTier.HOT},
      };
      long seed = 1;
      for (Object[] s : specs) {
        String name = (String) s[0];
        Path disk = sampleDisk(samples, name + ".raw", (Integer) s[3], seed++);
        Image image =
            tour.local.importImage(
                ImportRequest.of(
                        disk, name, OperatingSystem.parse((String) s[1]), (Architecture) s[2])
                    .withTier((StorageTier) s[4])
                    .withFamily(name.substring(0, name.indexOf('-'))),
                tour.progress,
                Cancellation.never());
        tour.images.put(name, image);
        tour.out.printf(
            "imported %-18s as %s  %s  %s%n",
            name, image.nativeId(), Output.size(image.sizeBytes()), image.digest());
      }
    }
  }

  static final class ListInventory implements Step {
    @Override
    public String title() {
      return "list the inventory (what `cloudimage images list` prints)";
    }

    @Override
    public void run(Context tour) {
      tour.out.println(Output.header());
      try (Stream<Image> all = tour.local.images(ImageQuery.ALL)) {
        all.sorted(Comparator.comparing(Image::name))
            .forEach(i -> tour.out.println(Output.line(i)));
      }
    }
  }

  static final class CheckDownloads implements Step {
    @Override
    public String title() {
      return "digest the sample disks in one pass each, write a SHA256SUMS and check it";
    }

    @Override
    public void run(Context tour) throws IOException {
      Path samples = tour.workdir.resolve("samples");
      MultiDigest digests =
          MultiDigest.builder().algorithms(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512).build();
      StringBuilder sums = new StringBuilder();
      List<Path> disks;
      try (Stream<Path> files = Files.list(samples)) {
        disks = files.filter(p -> p.toString().endsWith(".raw")).sorted().toList();
      }
      for (Path disk : disks) {
        DigestResult r = digests.digest(disk, tour.progress, Cancellation.never());
        sums.append(r.hex(DigestAlgorithm.SHA256))
            .append("  ")
            .append(disk.getFileName())
            .append('\n');
        tour.out.println(
            disk.getFileName()
                + "  sha512 "
                + r.hex(DigestAlgorithm.SHA512).substring(0, 32)
                + "…");
      }
      Path manifest = Files.writeString(samples.resolve("SHA256SUMS"), sums.toString());
      ManifestReport report = ManifestVerifier.builder().base(samples).build().verify(manifest);
      tour.out.println(
          "SHA256SUMS: "
              + report.files().size()
              + " files, "
              + (report.ok() ? "all match" : "MISMATCH"));
      // One flipped byte is caught.
      Path first = disks.get(0);
      try (FileChannel ch =
          FileChannel.open(first, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, 1000);
        one.put(0, (byte) (one.get(0) ^ 1)).rewind();
        ch.write(one, 1000);
      }
      ManifestReport tampered = ManifestVerifier.builder().base(samples).build().verify(manifest);
      for (FileCheck f : tampered.files()) {
        if (f.status() != FileCheck.Status.OK) {
          tour.out.println("after flipping one bit: " + f.name() + " " + f.status());
        }
      }
    }
  }

  static final class SelectForScenarios implements Step {
    @Override
    public String title() {
      return "choose base images for the seed's three scenarios from the sample catalog";
    }

    @Override
    public void run(Context tour) {
      for (Scenario scenario :
          new Scenario[] {Scenario.MICROSERVICE, Scenario.DATABASE, Scenario.AI_TRAINING}) {
        Selection selection;
        try (Stream<Image> candidates = CandidateCatalog.sample()) {
          selection = ImageSelector.builder().scenario(scenario).top(3).build().select(candidates);
        }
        Recommendation r =
            selection
                .best()
                .orElseThrow(() -> new IllegalStateException("no recommendation for " + scenario));
        tour.out.printf(
            "%-12s -> %s on %s, %s + %s (score %.1f; %d of %d candidates excluded)%n",
            scenario.name(),
            r.image().name(),
            r.instanceType().name(),
            r.storage().tier(),
            r.storage().strategy().id(),
            selection.ranked().get(0).score(),
            selection.excludedCount(),
            selection.candidates());
      }
      tour.out.println(
          "(`cloudimage select --scenario microservice` explains every score and exclusion)");
    }
  }

  static final class LaunchOne implements Step {
    @Override
    public String title() {
      return "launch the web image: it is now in use and cannot be removed";
    }

    @Override
    public void run(Context tour) {
      Image web = tour.images.get("web-ubuntu-24.04");
      if (web == null) {
        throw new IllegalStateException("the import step did not run");
      }
      Image launched = tour.local.launch(web.nativeId());
      tour.out.println("launched " + web.nativeId() + " at " + launched.lastLaunched());
      tour.out.println("images in use: " + tour.local.imagesInUse());
      try {
        tour.local.deregister(web.nativeId(), DeregisterOptions.DELETE_SNAPSHOTS);
        tour.out.println("unexpected: an image in use was deregistered");
      } catch (io.cloudimage.core.error.ConflictException e) {
        tour.out.println("refused as expected: " + e.getMessage());
      }
    }
  }

  static final class ArchiveOne implements Step {
    @Override
    public String title() {
      return "move the legacy image to the archive tier and compare monthly storage prices";
    }

    @Override
    public void run(Context tour) {
      Image legacy = tour.images.get("legacy-rhel-8");
      if (legacy == null) {
        throw new IllegalStateException("the import step did not run");
      }
      TierProfile hot = tour.local.tierProfiles().profile(StorageTier.HOT);
      TierProfile archive = tour.local.tierProfiles().profile(StorageTier.ARCHIVE);
      tour.local.moveTier(
          legacy.nativeId(), StorageTier.ARCHIVE, tour.progress, Cancellation.never());
      Image moved = tour.local.describe(legacy.nativeId());
      long size = moved.sizeBytes();
      tour.out.println(legacy.nativeId() + " is now " + moved.tier());
      long oneTb = 1L << 40;
      tour.out.println(
          "per month for this image: hot "
              + small(hot.monthlyPrice(size))
              + ", archive "
              + small(archive.monthlyPrice(size))
              + "; for 1 TB: hot "
              + hot.monthlyPrice(oneTb).rounded()
              + ", archive "
              + archive.monthlyPrice(oneTb).rounded()
              + " (minimum stay "
              + archive.minimumRetention().toDays()
              + " days)");
    }
  }

  static final class RemoveAndRestore implements Step {
    @Override
    public String title() {
      return "remove the app image: it waits in the trash and comes back";
    }

    @Override
    public void run(Context tour) {
      Image app = tour.images.get("app-alinux-3");
      if (app == null) {
        throw new IllegalStateException("the import step did not run");
      }
      tour.local.deregister(app.nativeId(), DeregisterOptions.DELETE_SNAPSHOTS);
      tour.out.println(
          "removed "
              + app.nativeId()
              + "; recoverable for "
              + tour.local
                  .recoveryWindow(app.nativeId())
                  .map(d -> d.toDays() + " days")
                  .orElse("no time"));
      tour.local.restoreFromTrash(app.nativeId());
      Image back = tour.local.describe(app.nativeId());
      tour.out.println(
          "restored "
              + back.nativeId()
              + " with digest "
              + back.digest()
              + (back.equals(app) ? " (identical record)" : " (record differs!)"));
    }
  }

  static final class PlanLifecycle implements Step {
    @Override
    public String title() {
      return "plan the default lifecycle policy as of 120 days from now, apply it, verify the journal";
    }

    @Override
    public void run(Context tour) {
      Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(120));
      Plan plan =
          LifecyclePlanner.builder()
              .prices(tour.local.tierProfiles())
              .build()
              .plan(Inventory.of(tour.local), LifecyclePolicy.defaultPolicy(), later);
      for (PlannedAction a : plan.actions()) {
        tour.out.println("  " + a.action() + " " + a.resource() + ": " + a.reason());
      }
      for (SkippedAction s : plan.skipped()) {
        tour.out.println("  not " + s.action() + " " + s.resource() + ": " + s.reason());
      }
      tour.out.println(
          plan.actions().size()
              + " action(s), saving "
              + plan.monthlySaving().rounded()
              + " a month (plans count whole cents; these sample disks hold only MiB); plan "
              + plan.digest());
      Path journal = tour.workdir.resolve("journal");
      ApplyResult result =
          PlanExecutor.builder()
              .provider(tour.local)
              .journal(journal)
              .clock(later)
              .build()
              .apply(plan);
      tour.out.println(
          "applied: "
              + result.count(Status.DONE)
              + " done, "
              + result.count(Status.SKIPPED)
              + " skipped, "
              + result.count(Status.FAILED)
              + " failed");
      Verification v = Journal.verify(journal);
      tour.out.println(
          "journal "
              + (v.valid() ? "intact" : "BROKEN at line " + v.firstBadLine())
              + ": "
              + v.records()
              + " hash-chained records");
    }
  }
}
