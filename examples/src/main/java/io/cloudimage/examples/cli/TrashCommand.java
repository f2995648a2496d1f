package io.cloudimage.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.local.TrashEntry;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cloudimage trash …}: what removal put aside in the local home. */
@Command(
    name = "trash",
    mixinStandardHelpOptions = true,
    description = "List, restore or purge what removal put aside (local provider).",
    subcommands = {
      TrashCommand.ListTrash.class,
      TrashCommand.Restore.class,
      TrashCommand.Empty.class
    })
final class TrashCommand {
  @ParentCommand CloudImageCli root;

  TrashCommand() {
    this.root = new CloudImageCli();
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the trash (--json: [{\"id\",\"name\",\"removed\",\"expires\"}]).")
  static final class ListTrash implements Callable<Integer> {
    @ParentCommand TrashCommand trash = new TrashCommand();

    @Override
    public Integer call() {
      try (LocalProvider local = trash.root.openLocal("trash list")) {
        if (trash.root.json) {
          ArrayNode all = Output.array();
          for (TrashEntry e : local.trash()) {
            ObjectNode o = all.addObject();
            o.put("id", e.id());
            o.put("name", e.name());
            o.put("removed", e.removed().toString());
            o.put("expires", e.expires().toString());
          }
          Output.json(all);
        } else {
          System.out.printf("%-22s %-28s %-22s %s%n", "ID", "NAME", "REMOVED", "EXPIRES");
          for (TrashEntry e : local.trash()) {
            String name = e.name();
            System.out.println(
                ImagesCommand.safe(
                    String.format(
                        java.util.Locale.ROOT,
                        "%-22s %-28s %-22s %s",
                        e.id(),
                        name == null ? "-" : name,
                        e.removed(),
                        e.expires())));
          }
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = "Bring an image or snapshot back from the trash.")
  static final class Restore implements Callable<Integer> {
    @ParentCommand TrashCommand trash = new TrashCommand();

    @Parameters(paramLabel = "ID")
    String id = "";

    @Override
    public Integer call() {
      try (LocalProvider local = trash.root.openLocal("trash restore")) {
        local.restoreFromTrash(id);
        if (trash.root.json) {
          Output.json(Output.object().put("id", id).put("restored", true));
        } else {
          System.out.println("restored " + ImagesCommand.safe(id));
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "empty",
      mixinStandardHelpOptions = true,
      description = "Purge trash entries for good (journaled in the home's journal/).")
  static final class Empty implements Callable<Integer> {
    @ParentCommand TrashCommand trash = new TrashCommand();

    @Option(
        names = "--older-than",
        paramLabel = "D",
        description =
            "Only entries removed more than D ago, e.g. 7d, 12h, PT30M (default: the retention).")
    @Nullable String olderThan;

    @Override
    public Integer call() {
      Duration age = olderThan == null ? null : parseAge(olderThan);
      try (LocalProvider local = trash.root.openLocal("trash empty")) {
        int purged = age == null ? local.emptyTrash() : local.emptyTrash(age);
        if (trash.root.json) {
          Output.json(Output.object().put("purged", purged));
        } else {
          System.out.println("purged " + purged + " trash entr" + (purged == 1 ? "y" : "ies"));
        }
      }
      return ExitCodes.OK;
    }
  }

  private static final java.util.regex.Pattern SHORT =
      java.util.regex.Pattern.compile("(\\d{1,12})([dhms])");

  /**
   * {@code 7d}, {@code 12h}, {@code 45m}, {@code 10s} or ISO-8601 such as {@code P7D}; never
   * negative.
   */
  static Duration parseAge(String text) {
    String t = text.trim();
    Duration d;
    java.util.regex.Matcher m = SHORT.matcher(t);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        d =
            switch (m.group(2)) {
              case "d" -> Duration.ofDays(n);
              case "h" -> Duration.ofHours(n);
              case "m" -> Duration.ofMinutes(n);
              default -> Duration.ofSeconds(n);
            };
      } else {
        d = Duration.parse(t);
      }
    } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
      throw new io.cloudimage.core.error.InvalidInputException(
          "--older-than: '" + t + "' is not a duration; write 7d, 12h or ISO-8601 such as P7D", e);
    }
    if (d.isNegative()) {
      throw new io.cloudimage.core.error.InvalidInputException(
          "--older-than: '" + t + "' is negative; write a duration such as 7d");
    }
    return d;
  }
}
