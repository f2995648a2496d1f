package io.cloudimage.core.host;

import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.progress.Cancellation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs commands as processes on this machine. A command that runs past its timeout, or whose
 * cancellation is set, is killed with every process it started (fio's and stress-ng's workers are
 * child processes that would otherwise go on). Standard output and error go to temporary files, not
 * pipes, so waiting is bounded by the timeout even when a process that escaped the kill keeps the
 * output open; at most the command's bound of each is read back. Thread-safe; holds nothing between
 * runs.
 */
public final class LocalCommandRunner implements CommandRunner {
  /** How often a waiting run looks at its cancellation flag. */
  private static final long POLL_MILLIS = 50;

  private final Map<String, String> environment;

  /** A runner that passes this process's environment to its commands. */
  public LocalCommandRunner() {
    this(Map.of());
  }

  /** A runner that adds {@code environment} to this process's environment for its commands. */
  public LocalCommandRunner(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public CommandResult run(Command command, Cancellation cancellation) {
    cancellation.throwIfCancelled(command.program());
    String program = resolve(command.program());
    List<String> argv = new ArrayList<>(command.argv());
    argv.set(0, program);
    Path out = temporary("out");
    try {
      Path err = temporary("err");
      try {
        return run(command, cancellation, argv, out, err);
      } finally {
        deleteQuietly(err);
      }
    } finally {
      deleteQuietly(out);
    }
  }

  private CommandResult run(
      Command command, Cancellation cancellation, List<String> argv, Path out, Path err) {
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            // The tools read no input; an open stdin would only let one wait for it.
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(environment);
    long start = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new InvalidInputException(
          "cannot start "
              + command.program()
              + ": "
              + e.getMessage()
              + "; "
              + Tools.installHint(command.program()),
          e);
    }
    long deadline = start + command.timeout().toNanos();
    boolean timedOut = false;
    boolean cancelled = false;
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          timedOut = process.isAlive();
          break;
        }
        long wait = Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, POLL_MILLIS);
        if (process.waitFor(wait, TimeUnit.MILLISECONDS)) {
          break;
        }
        if (cancellation.isCancelled()) {
          cancelled = true;
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelled = true;
    }
    if (timedOut || cancelled) {
      killTree(process);
    }
    int exit = waitQuietly(process);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    if (cancelled) {
      throw new CancelledException(command.program());
    }
    Head stdout = Head.of(out, command.outputLimit());
    Head stderr = Head.of(err, command.outputLimit());
    return new CommandResult(
        command.argv(),
        exit,
        stdout.text(),
        stderr.text(),
        stdout.truncated() || stderr.truncated(),
        elapsed,
        timedOut);
  }

  /**
   * Kills the process and everything below it. The descendants are listed before the parent dies:
   * afterwards they would belong to init and be out of reach.
   */
  static void killTree(Process process) {
    List<ProcessHandle> below = process.descendants().collect(Collectors.toList());
    process.destroyForcibly();
    for (ProcessHandle h : below) {
      h.destroyForcibly();
    }
    // Workers forked while we looked: a second sweep from the survivors.
    for (ProcessHandle h : below) {
      h.descendants().forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static int waitQuietly(Process process) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return process.waitFor();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The program's path; a program not on PATH is bad input whose message says how to get it. */
  static String resolve(String program) {
    if (program.contains("/")) {
      if (!Files.isExecutable(Path.of(program))) {
        throw new InvalidInputException(
            program + " is not an executable file; " + Tools.installHint(program));
      }
      return program;
    }
    return onPath(program)
        .map(Path::toString)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    program + " is not on PATH; " + Tools.installHint(program)));
  }

  /** Where {@code program} is on this process's PATH, if anywhere. */
  public static Optional<Path> onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Path temporary(String stream) {
    try {
      return Files.createTempFile("cloudimage-command", "." + stream);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a file for a command's output", e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover temporary file is harmless; the result matters more.
    }
  }

  /** The first bytes of an output file, up to a bound, and whether there was more. */
  private record Head(String text, boolean truncated) {
    static Head of(Path file, int limit) {
      try (InputStream in = Files.newInputStream(file)) {
        byte[] head = in.readNBytes(limit);
        boolean more = in.read() >= 0;
        return new Head(new String(head, StandardCharsets.UTF_8), more);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read a command's output from " + file, e);
      }
    }
  }
}
