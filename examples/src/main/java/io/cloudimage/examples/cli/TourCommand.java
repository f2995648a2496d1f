package io.cloudimage.examples.cli;

import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Image;
import io.cloudimage.examples.cli.tour.Listing;
import io.cloudimage.examples.cli.tour.SampleDisk;
import io.cloudimage.examples.cli.tour.TourContext;
import io.cloudimage.examples.cli.tour.TourStep;
import io.cloudimage.examples.cli.tour.TourSteps;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cloudimage tour}: the guided story on a fresh local provider. The steps live in {@link
 * io.cloudimage.examples.cli.tour}, one class each; this command numbers and runs them and cleans
 * up its temporary folder.
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

  /** The tour prints images as {@code images list} does. */
  private static final Listing LISTING =
      new Listing() {
        @Override
        public String header() {
          return Output.header();
        }

        @Override
        public String line(Image image) {
          return Output.line(image);
        }

        @Override
        public String size(long bytes) {
          return Output.size(bytes);
        }
      };

  @Override
  public Integer call() throws IOException {
    boolean temporary = workdir == null;
    Path dir = workdir == null ? Files.createTempDirectory("cloudimage-tour-") : workdir;
    Files.createDirectories(dir);
    PrintStream out = System.out;
    out.println("cloudimage tour — working in " + dir);
    try (LocalProvider local = LocalProvider.builder().home(dir.resolve("home")).build()) {
      TourContext tour = new TourContext(dir, local, out, root.progress(), LISTING);
      int n = 1;
      for (TourStep step : TourSteps.all()) {
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

  /** A small deterministic sample disk; see {@link SampleDisk#write}. */
  static Path sampleDisk(Path dir, String name, int mib, long seed) {
    return SampleDisk.write(dir, name, mib, seed);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
