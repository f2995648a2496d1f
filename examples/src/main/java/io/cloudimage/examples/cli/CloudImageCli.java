package io.cloudimage.examples.cli;

import io.cloudimage.core.client.ImageProvider;
import io.cloudimage.core.client.Providers;
import io.cloudimage.core.error.CheckFailedException;
import io.cloudimage.core.error.CloudImageException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.error.ProviderException;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Architecture;
import io.cloudimage.core.model.OperatingSystem;
import io.cloudimage.core.model.StorageTier;
import io.cloudimage.core.provider.ProviderConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code cloudimage} program. Global options are inherited by every command; errors map onto
 * the exit codes of {@link ExitCodes}. The commands are listed in {@link CommandTree}, which builds
 * only the one a run names.
 */
@Command(
    name = "cloudimage",
    mixinStandardHelpOptions = true,
    versionProvider = CloudImageCli.Version.class,
    description = "Choose, check, replicate, benchmark and retire cloud server system images.")
public final class CloudImageCli {

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Machine output: one JSON document on stdout.")
  boolean json;

  @Option(
      names = "--provider",
      scope = ScopeType.INHERIT,
      defaultValue = "local",
      description = "Which provider: local, aws or aliyun (default: ${DEFAULT-VALUE}).")
  String provider = "local";

  @Option(
      names = "--home",
      scope = ScopeType.INHERIT,
      description = "The local provider's folder (default: $CLOUDIMAGE_HOME, else ~/.cloudimage).")
  @Nullable Path home;

  @Option(names = "--region", scope = ScopeType.INHERIT, description = "Provider region.")
  @Nullable String region;

  @Option(
      names = "--endpoint",
      scope = ScopeType.INHERIT,
      description = "Provider endpoint URL override.")
  @Nullable URI endpoint;

  @Option(names = "--profile", scope = ScopeType.INHERIT, description = "Credentials profile.")
  @Nullable String profile;

  @Option(names = "--quiet", scope = ScopeType.INHERIT, description = "No progress bars.")
  boolean quiet;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of internal errors.")
  boolean debug;

  /** Opens the chosen provider. */
  ImageProvider openProvider() {
    ProviderConfig config =
        ProviderConfig.DEFAULTS
            .withRegion(region)
            .withEndpoint(endpoint)
            .withProfile(profile)
            .withHome(home == null ? LocalProvider.defaultHome() : home);
    return Providers.open(provider, config);
  }

  /** Opens the local provider, refusing when another provider was chosen. */
  LocalProvider openLocal(String command) {
    if (!"local".equals(provider)) {
      throw new InvalidInputException(
          command + " works on the local provider only, not " + provider);
    }
    return LocalProvider.builder().home(home == null ? LocalProvider.defaultHome() : home).build();
  }

  /** The progress listener for this run: a bar on stderr unless {@code --quiet}. */
  ProgressBar progress() {
    return new ProgressBar(quiet ? null : new PrintWriter(System.err, true));
  }

  /** Runs the program and returns its exit code. */
  public static int run(String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // The commonest probe of an installation, answered without building any command model.
      System.out.println(Version.text());
      System.out.flush();
      return ExitCodes.OK;
    }
    CloudImageCli root = new CloudImageCli();
    // Settings and converters below reach the subcommands present now, so the tree comes first.
    CommandLine cli = CommandTree.forRun(root, args);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.registerConverter(Architecture.class, text -> convert(() -> Architecture.parse(text)));
    cli.registerConverter(
        OperatingSystem.class, text -> convert(() -> OperatingSystem.parse(text)));
    cli.registerConverter(StorageTier.class, text -> convert(() -> StorageTier.parse(text)));
    cli.registerConverter(
        io.cloudimage.core.select.Scenario.class,
        text -> convert(() -> io.cloudimage.core.select.Scenario.parse(text)));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("cloudimage: " + describe(e) + hint(e));
          int code = exitCode(e);
          if (code == ExitCodes.INTERNAL) {
            if (root.debug) {
              e.printStackTrace(commandLine.getErr());
            } else {
              commandLine
                  .getErr()
                  .println("(an internal error; run with --debug for the stack trace)");
            }
          }
          return code;
        });
    return cli.execute(args);
  }

  private static <T> T convert(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (InvalidInputException e) {
      throw new CommandLine.TypeConversionException(String.valueOf(e.getMessage()));
    }
  }

  /** The exit code for a failure. */
  static int exitCode(Throwable e) {
    if (e instanceof CheckFailedException) {
      return ExitCodes.CHECK_FAILED;
    }
    if (e instanceof InvalidInputException || e instanceof NotFoundException) {
      return ExitCodes.BAD_INPUT;
    }
    if (e instanceof UncheckedIOException || e instanceof IOException) {
      return ExitCodes.BAD_INPUT;
    }
    if (e instanceof ProviderException || e instanceof CloudImageException) {
      return ExitCodes.PROVIDER;
    }
    return ExitCodes.INTERNAL;
  }

  /** What the command line adds to a library message: where a user finds the right value. */
  private static String hint(Throwable e) {
    if (e instanceof NotFoundException nf && nf.resourceId() != null) {
      String id = String.valueOf(nf.resourceId());
      if (id.startsWith("img-") || id.startsWith("snap-")) {
        return "; `images list` and `trash list` show the ids (--home chooses the home)";
      }
    }
    return "";
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    if (e instanceof CloudImageException c && c.errorCode() != null) {
      return message
          + " ["
          + c.errorCode()
          + (c.requestId() == null ? "" : ", request " + c.requestId())
          + "]";
    }
    return message;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Prints {@code cloudimage <version>}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {text()};
    }

    /** {@code cloudimage <version>}, from the build's {@code version.properties}. */
    static String text() {
      Properties p = new Properties();
      try (InputStream in = CloudImageCli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return "cloudimage " + p.getProperty("version", "unknown");
    }
  }
}
