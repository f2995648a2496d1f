package io.cloudimage.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.local.HomeDoctor;
import io.cloudimage.core.local.HomeProblem;
import io.cloudimage.core.local.LocalProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code cloudimage home …}: the local home's problems and their explicit repair. */
@Command(
    name = "home",
    mixinStandardHelpOptions = true,
    description = "Check the local home, and repair it when asked (journaled).",
    subcommands = {HomeCommand.Check.class, HomeCommand.Repair.class})
final class HomeCommand {
  @ParentCommand CloudImageCli root;

  HomeCommand() {
    this.root = new CloudImageCli();
  }

  Path home() {
    if (!"local".equals(root.provider)) {
      throw new InvalidInputException(
          "home works on the local provider only, not " + root.provider);
    }
    Path h = root.home;
    return h == null ? LocalProvider.defaultHome() : h;
  }

  /** Prints the problems; exit 1 when there are any. */
  static int report(CloudImageCli root, List<HomeProblem> problems) {
    if (root.json) {
      ArrayNode all = Output.array();
      for (HomeProblem p : problems) {
        all.addObject()
            .put("kind", p.kind().name())
            .put("path", p.path().toString())
            .put("detail", p.detail());
      }
      Output.json(all);
    } else if (problems.isEmpty()) {
      System.out.println("no problems");
    } else {
      for (HomeProblem p : problems) {
        System.out.println(
            p.kind().name()
                + "\t"
                + ImagesCommand.safe(p.path().toString())
                + "\t"
                + ImagesCommand.safe(p.detail()));
      }
    }
    return problems.isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "List the home's problems: links, orphan and quarantined files, broken records, half-done"
              + " trash moves (exit 1 when any). Changes nothing.")
  static final class Check implements Callable<Integer> {
    @ParentCommand HomeCommand home = new HomeCommand();

    @Override
    public Integer call() {
      return report(home.root, HomeDoctor.check(home.home()));
    }
  }

  @Command(
      name = "repair",
      mixinStandardHelpOptions = true,
      description =
          "Move links and orphans to quarantine, finish or undo half-done trash moves (journaled),"
              + " then list what is left for a person (exit 1 when any).")
  static final class Repair implements Callable<Integer> {
    @ParentCommand HomeCommand home = new HomeCommand();

    @Override
    public Integer call() {
      return report(home.root, HomeDoctor.repair(home.home(), Clock.systemUTC()));
    }
  }
}
