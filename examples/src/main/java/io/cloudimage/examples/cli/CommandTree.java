package io.cloudimage.examples.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The program's commands, and the building of the command tree for one run.
 *
 * <p>Picocli builds a command's model by reflection over its fields and annotations, which loads
 * the classes of every option's type; for all commands that is most of the program's start-up time.
 * A run executes at most one command, so only that command, the one named on the command line, gets
 * its full model. Every other command is a stub: its name, aliases and description, read from its
 * {@code @Command} annotation, which is all that the root's {@code --help} and picocli's "did you
 * mean" suggestions need.
 */
final class CommandTree {
  /** Every command, in the order {@code --help} lists them. */
  static final List<Class<?>> COMMANDS =
      List.of(
          ImagesCommand.class,
          TrashCommand.class,
          HomeCommand.class,
          SelectCommand.class,
          CostCommand.class,
          LifecycleCommand.class,
          FleetCommand.class,
          VerifyCommand.class,
          ChecksumsCommand.class,
          DigestCommand.class,
          DeltaCommand.class,
          ReplicateCommand.class,
          SbomCommand.class,
          ScanCommand.class,
          CaptureCommand.class,
          InspectCommand.class,
          ConvertCommand.class,
          SignCommand.class,
          EncryptCommand.class,
          EncryptCommand.Decrypt.class,
          BenchCommand.class,
          CheckCommand.class,
          IamPolicyCommand.class,
          ShareCommand.class,
          ShareCommand.Unshare.class,
          CopyCommand.class,
          ExportCommand.class,
          TourCommand.class);

  /** The root's options that take a value, which is then not a command's name. */
  private static final Set<String> OPTIONS_WITH_VALUE =
      Set.of("--provider", "--home", "--region", "--endpoint", "--profile");

  private CommandTree() {}

  /** The tree for a run with {@code args}: the named command in full, the others as stubs. */
  static CommandLine forRun(CloudImageCli root, String... args) {
    return build(root, commandName(args));
  }

  /**
   * The tree with the command {@code named} in full and the others as stubs; every command in full
   * when {@code named} is {@code "*"} (for tests comparing the two).
   */
  static CommandLine build(Object root, @Nullable String named) {
    CommandLine cli = new CommandLine(root);
    for (Class<?> type : COMMANDS) {
      Command command = annotation(type);
      boolean full =
          "*".equals(named)
              || command.name().equals(named)
              || Arrays.asList(command.aliases()).contains(named);
      cli.addSubcommand(command.name(), full ? type : new CommandLine(stub(command)));
    }
    return cli;
  }

  /**
   * The first argument that is not an option nor an option's value: the command's name, or null
   * when there is none ({@code --help}, {@code --version}, no arguments).
   */
  static @Nullable String commandName(String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        return i + 1 < args.length ? args[i + 1] : null;
      }
      if (!arg.startsWith("-")) {
        return arg;
      }
      if (OPTIONS_WITH_VALUE.contains(arg)) {
        i++;
      }
    }
    return null;
  }

  private static Command annotation(Class<?> type) {
    return Objects.requireNonNull(
        type.getAnnotation(Command.class), () -> type + " has no @Command");
  }

  /** A command's name and description only, for the root's help. */
  private static CommandSpec stub(Command command) {
    CommandSpec spec = CommandSpec.create().name(command.name()).aliases(command.aliases());
    spec.usageMessage()
        .header(command.header())
        .description(command.description())
        .hidden(command.hidden());
    return spec;
  }
}
