package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command tree builds only the command a run names, and nobody can tell from outside. */
class CommandTreeTest {
  @TempDir Path dir;

  private static String fullHelp() {
    return CommandTree.build(new CloudImageCli(), "*").getUsageMessage();
  }

  @Test
  void rootHelpListsEveryCommandExactlyAsTheFullTreeDoes() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(fullHelp());
    assertThat(run.out()).contains("images", "lifecycle", "verify", "decrypt", "tour");
  }

  @Test
  void onlyTheNamedCommandGetsItsOptionsAndSubcommands() {
    CommandLine cli =
        CommandTree.forRun(new CloudImageCli(), "--home", "/tmp/x", "lifecycle", "plan");
    Map<String, CommandLine> commands = cli.getSubcommands();
    assertThat(commands.keySet())
        .containsExactlyInAnyOrderElementsOf(
            CommandTree.build(new CloudImageCli(), "*").getSubcommands().keySet());
    assertThat(commands.get("lifecycle").getSubcommands()).containsKeys("plan", "apply");
    assertThat(commands.get("images").getSubcommands()).isEmpty();
    // A stub carries only the root's inherited options, none of its own.
    assertThat(commands.get("images").getCommandSpec().options())
        .allMatch(CommandLine.Model.OptionSpec::inherited);
    assertThat(commands.get("lifecycle").getSubcommands().get("plan").getCommandSpec().options())
        .anyMatch(o -> !o.inherited());
  }

  @Test
  void commandNameSkipsRootOptionsAndTheirValues() {
    assertThat(CommandTree.commandName("--home", "images", "tour")).isEqualTo("tour");
    assertThat(CommandTree.commandName("--json", "--provider", "local", "images", "list"))
        .isEqualTo("images");
    assertThat(CommandTree.commandName("--home=/h", "select")).isEqualTo("select");
    assertThat(CommandTree.commandName("--quiet", "--help")).isNull();
    assertThat(CommandTree.commandName()).isNull();
  }

  @Test
  void globalOptionsReachACommandBuiltForTheRun() {
    String home = dir.resolve("home").toString();
    CliRun before = CliRun.of("--json", "--home", home, "images", "list");
    CliRun after = CliRun.of("images", "list", "--home", home, "--json");
    assertThat(before.exitCode()).as(before.err()).isZero();
    assertThat(before.out().trim()).isEqualTo("[]");
    assertThat(after.out()).isEqualTo(before.out());
  }

  @Test
  void everyCommandAnswersItsOwnHelp() {
    for (Class<?> type : CommandTree.COMMANDS) {
      String name = type.getAnnotation(CommandLine.Command.class).name();
      CliRun run = CliRun.of(name, "--help");
      assertThat(run.exitCode()).as(name + ": " + run.err()).isZero();
      assertThat(run.out()).as(name).contains("Usage: cloudimage " + name);
    }
  }

  @Test
  void aMistypedCommandIsAUsageErrorWithASuggestion() {
    CliRun run = CliRun.of("imgaes", "list");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("imgaes").contains("images");
  }

  @Test
  void versionIsTheSameWhetherAnsweredEarlyOrByPicocli() {
    CliRun early = CliRun.of("--version");
    CliRun parsed = CliRun.of("--quiet", "--version");
    assertThat(early.exitCode()).isZero();
    assertThat(parsed.exitCode()).isZero();
    assertThat(early.out()).isEqualTo(parsed.out()).startsWith("cloudimage ");
  }

  @Test
  void sharedOptionsAppearOnEveryCommandThatMixesThemIn() {
    CliRun seal = CliRun.of("lifecycle", "journal", "seal", "--help");
    assertThat(seal.out())
        .contains("--secret-keyring", "--key", "--passphrase-file", "--passphrase-env");
    for (String command : new String[] {"plan", "report"}) {
      CliRun run = CliRun.of("lifecycle", command, "--help");
      assertThat(run.out()).as(command).contains("--inventory=FILE");
    }
  }
}
