package io.cloudimage.bench.run;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs commands as processes on this machine. A command that runs past its timeout, or whose
 * cancellation is set, is killed with every process it started (fio's and stress-ng's workers are
 * child processes that would otherwise go on). Thread-safe; holds nothing between runs.
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
    ProcessBuilder builder = new ProcessBuilder(argv);
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
    try {
      // The tools read no input; an open stdin would only let one wait for it.
      process.getOutputStream().close();
    } catch (IOException e) {
      // Already gone: nothing to close.
    }
    BoundedCapture out = BoundedCapture.start(process.getInputStream(), command.outputLimit());
    BoundedCapture err = BoundedCapture.start(process.getErrorStream(), command.outputLimit());
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
    String stdout = out.text();
    String stderr = err.text();
    if (cancelled) {
      throw new CancelledException(command.program());
    }
    return new CommandResult(
        command.argv(),
        exit,
        stdout,
        stderr,
        out.truncated() || err.truncated(),
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

  /** Reads a stream to its end on its own thread, keeping at most a bound of its bytes. */
  static final class BoundedCapture {
    private final Thread thread;
    private byte[] buffer = new byte[0];
    private int size;
    private boolean truncated;

    private BoundedCapture(InputStream in, int limit) {
      this.thread = new Thread(() -> drain(in, limit), "command-output");
      this.thread.setDaemon(true);
    }

    static BoundedCapture start(InputStream in, int limit) {
      BoundedCapture c = new BoundedCapture(in, limit);
      c.thread.start();
      return c;
    }

    private void drain(InputStream in, int limit) {
      byte[] chunk = new byte[8192];
      byte[] buf = new byte[Math.min(limit, 8192)];
      int n = 0;
      boolean cut = false;
      try (in) {
        int r;
        while ((r = in.read(chunk)) >= 0) {
          // Past the bound the bytes are still read, so the program never blocks on a full pipe.
          int take = Math.min(limit - n, r);
          cut |= take < r;
          if (take > 0) {
            if (n + take > buf.length) {
              buf = Arrays.copyOf(buf, Math.min(limit, Math.max(buf.length * 2, n + take)));
            }
            System.arraycopy(chunk, 0, buf, n, take);
            n += take;
          }
        }
      } catch (IOException e) {
        // The process was killed and its pipe closed: keep what arrived.
      }
      synchronized (this) {
        buffer = buf;
        size = n;
        truncated = cut;
      }
    }

    String text() {
      join();
      synchronized (this) {
        return new String(buffer, 0, size, StandardCharsets.UTF_8);
      }
    }

    boolean truncated() {
      join();
      synchronized (this) {
        return truncated;
      }
    }

    private void join() {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException(new IOException("interrupted while reading output", e));
      }
    }
  }
}
