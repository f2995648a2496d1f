package io.cloudimage.examples.cli;

import io.cloudimage.core.catalog.InstanceCatalog;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.Image;
import io.cloudimage.core.select.CandidateCatalog;
import io.cloudimage.core.select.Dimension;
import io.cloudimage.core.select.Exclusion;
import io.cloudimage.core.select.Explanation;
import io.cloudimage.core.select.ImageSelector;
import io.cloudimage.core.select.RankedImage;
import io.cloudimage.core.select.Recommendation;
import io.cloudimage.core.select.Scenario;
import io.cloudimage.core.select.Selection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cloudimage select}: a ranked, explained recommendation for a scenario. */
@Command(
    name = "select",
    mixinStandardHelpOptions = true,
    description = "Rank candidate images for a scenario and recommend image, instance and storage.",
    subcommands = {SelectCommand.Explain.class})
final class SelectCommand implements Callable<Integer> {
  @ParentCommand CloudImageCli root = new CloudImageCli();

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = "--scenario",
      description =
          "microservice, database, ai-training, web-frontend, batch or ci-runner"
              + " (required; `select explain` defaults to microservice).")
  @Nullable Scenario scenario;

  @Option(
      names = "--scenario-file",
      paramLabel = "FILE",
      description =
          "A custom scenario (YAML or JSON: name, budget, hoursPerMonth, instanceTypes,"
              + " acceptedKinds, weights ...) instead of --scenario; see docs/selection.md.")
  @Nullable Path scenarioFile;

  @Option(
      names = "--catalog",
      paramLabel = "FILE",
      description = "Candidate images (JSON); default: the shipped sample catalog.")
  @Nullable Path catalog;

  @Option(names = "--arch", description = "Only this architecture: x86_64 or arm64.")
  @Nullable Architecture arch;

  @Option(
      names = "--require",
      paramLabel = "FEATURE",
      description = "A CPU feature the instance must offer, e.g. avx512; repeatable.")
  List<String> require = new ArrayList<>();

  @Option(
      names = "--weights",
      paramLabel = "DIM=W,...",
      description =
          "Dimension weights, e.g. os=2,cost=3 (os, hardware, performance, security, cost).")
  @Nullable String weights;

  @Option(
      names = "--top",
      defaultValue = "5",
      description = "How many ranked images to show (default: ${DEFAULT-VALUE}).")
  int top = 5;

  @Override
  public Integer call() {
    Scenario chosen = scenario(null);
    ImageSelector selector = selector(chosen, arch, require, weights, top);
    Selection selection;
    try (Stream<Image> candidates = candidates(catalog)) {
      selection = selector.select(candidates);
    }
    if (root.json) {
      Output.json(selection.toJson());
    } else {
      print(selection);
    }
    return selection.nothingSuitable() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
  }

  /**
   * The scenario from {@code --scenario} or {@code --scenario-file}; {@code fallback} when neither
   * is given, a usage error when that is {@code null} or when both are given.
   */
  Scenario scenario(@Nullable Scenario fallback) {
    CommandSpec self = spec;
    CommandLine cli = self == null ? new CommandLine(this) : self.commandLine();
    Scenario preset = scenario;
    Path file = scenarioFile;
    if (preset != null && file != null) {
      throw new ParameterException(
          cli, "--scenario and --scenario-file are alternatives; give one of them");
    }
    if (file != null) {
      return Scenario.load(file, InstanceCatalog.defaults());
    }
    if (preset != null) {
      return preset;
    }
    if (fallback == null) {
      throw new ParameterException(
          cli, "Missing required option: '--scenario=<scenario>' or '--scenario-file=FILE'");
    }
    return fallback;
  }

  static ImageSelector selector(
      Scenario scenario,
      @Nullable Architecture arch,
      List<String> require,
      @Nullable String weights,
      int top) {
    if (top < 1) {
      throw new InvalidInputException("--top must be at least 1, was " + top);
    }
    ImageSelector.Builder b = ImageSelector.builder().scenario(scenario).top(top);
    if (arch != null) {
      b.architecture(arch);
    }
    for (String feature : require) {
      b.requireCpuFeatures(feature);
    }
    if (weights != null) {
      b.weights(weights);
    }
    return b.build();
  }

  static Stream<Image> candidates(@Nullable Path catalog) {
    return catalog == null ? CandidateCatalog.sample() : CandidateCatalog.open(catalog);
  }

  private static void print(Selection s) {
    System.out.println(
        "scenario "
            + s.scenario().name()
            + ": "
            + s.candidates()
            + " candidates, "
            + s.excludedCount()
            + " excluded");
    Recommendation r = s.recommendation();
    if (r == null) {
      System.out.println("no candidate meets the requirements");
    } else {
      System.out.println(
          "recommendation: "
              + r.image().name()
              + " ("
              + r.image().nativeId()
              + ") on "
              + r.instanceType().name()
              + ", storage "
              + r.storage().tier()
              + " + "
              + r.storage().strategy().id());
    }
    int rank = 1;
    for (RankedImage ri : s.ranked()) {
      StringBuilder dims = new StringBuilder();
      for (Dimension d : Dimension.values()) {
        dims.append(String.format(Locale.ROOT, " %s=%.0f", d.id(), ri.dimension(d).score()));
      }
      System.out.printf(
          Locale.ROOT, "%d. %-40s %5.1f%s%n", rank++, ri.image().name(), ri.score(), dims);
      for (String reason : ri.reasons()) {
        System.out.println("     " + reason);
      }
    }
    for (Exclusion e : s.excluded()) {
      System.out.println("excluded " + e.image().nativeId() + ": " + e.reason());
    }
  }

  /** {@code cloudimage select explain A B}: why A ranks above (or below) B. */
  @Command(
      name = "explain",
      mixinStandardHelpOptions = true,
      description = "Why image A ranks above or below image B, dimension by dimension.")
  static final class Explain implements Callable<Integer> {
    @ParentCommand SelectCommand select = new SelectCommand();

    @Parameters(index = "0", paramLabel = "A", description = "An image id from the catalog.")
    String a = "";

    @Parameters(index = "1", paramLabel = "B", description = "Another image id from the catalog.")
    String b = "";

    @Override
    public Integer call() {
      Image first = null;
      Image second = null;
      try (Stream<Image> candidates = candidates(select.catalog)) {
        for (Iterator<Image> it = candidates.iterator();
            it.hasNext() && (first == null || second == null); ) {
          Image i = it.next();
          if (i.nativeId().equals(a)) {
            first = i;
          }
          if (i.nativeId().equals(b)) {
            second = i;
          }
        }
      }
      if (first == null || second == null) {
        throw new InvalidInputException(
            "image "
                + (first == null ? a : b)
                + " is not in "
                + (select.catalog == null ? "the sample catalog" : select.catalog));
      }
      Explanation e =
          selector(
                  select.scenario(Scenario.MICROSERVICE),
                  select.arch,
                  select.require,
                  select.weights,
                  select.top)
              .explain(first, second);
      if (select.root.json) {
        Output.json(e.toJson());
      } else {
        System.out.println(e);
      }
      return ExitCodes.OK;
    }
  }
}
