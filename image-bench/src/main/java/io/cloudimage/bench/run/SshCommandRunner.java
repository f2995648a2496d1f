package io.cloudimage.bench.run;

import io.cloudimage.core.error.CancelledException;
import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.ProviderException;
import io.cloudimage.core.host.Command;
import io.cloudimage.core.host.CommandResult;
import io.cloudimage.core.host.CommandRunner;
import io.cloudimage.core.host.Tools;
import io.cloudimage.core.progress.Cancellation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.jspecify.annotations.Nullable;

/**
 * Runs commands on a remote machine (an instance booted from the image under test) over SSH, with
 * Apache MINA SSHD. The server's key must be in the given {@code known_hosts} file: an unknown or
 * changed key is refused, never accepted silently. Authentication is by key only.
 *
 * <p>The remote command runs under coreutils' {@code timeout}, which kills its whole process group
 * at the deadline even if the connection is gone; the runner also stops waiting at the deadline and
 * closes the channel. One connection serves every run until {@link #close()}.
 *
 * <pre>{@code
 * try (CommandRunner ssh = SshCommandRunner.builder()
 *     .host("10.0.0.5").port(22).user("ubuntu")
 *     .identity(Path.of("~/.ssh/id_ecdsa"))
 *     .knownHosts(Path.of("~/.ssh/known_hosts"))
 *     .build()) {
 *   CommandResult r = ssh.run(job.command(), Cancellation.never());
 * }
 * }</pre>
 */
public final class SshCommandRunner implements CommandRunner {
  /** The exit codes of {@code timeout}: 124 after TERM, 137 after KILL (128 + 9). */
  private static final Set<Integer> TIMEOUT_CODES = Set.of(124, 137);

  /** How much longer than the command's timeout the runner itself waits for the channel. */
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final SshClient client;
  private final ClientSession session;
  private final String target;

  private SshCommandRunner(Builder b) {
    String host = Objects.requireNonNull(b.host, "host is required");
    String user = Objects.requireNonNull(b.user, "user is required");
    Path identity = Objects.requireNonNull(b.identity, "identity is required");
    Path knownHosts = Objects.requireNonNull(b.knownHosts, "knownHosts is required");
    for (Path p : List.of(identity, knownHosts)) {
      if (!Files.isReadable(p)) {
        throw new InvalidInputException(p + ": no such file or not readable");
      }
    }
    this.target = user + "@" + host + ":" + b.port;
    client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(
        new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, knownHosts));
    client.setKeyIdentityProvider(new FileKeyPairProvider(identity));
    client.start();
    try {
      session = client.connect(user, host, b.port).verify(b.connectTimeout).getSession();
      session.auth().verify(b.connectTimeout);
    } catch (IOException | RuntimeException e) {
      client.stop();
      throw new ProviderException(
          "cannot open an SSH session to "
              + target
              + ": "
              + e.getMessage()
              + "; check the address, the user's key and that the host key is in "
              + knownHosts,
          null,
          null,
          true,
          e);
    }
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CommandResult run(Command command, Cancellation cancellation) {
    cancellation.throwIfCancelled(command.program());
    long seconds = Math.max(1, (command.timeout().toMillis() + 999) / 1000);
    // "command -v" first: a tool missing on the remote is bad input with its install command, not
    // a silent exit code 127.
    String line =
        "command -v "
            + ShellQuote.quote(command.program())
            + " >/dev/null 2>&1 || exit 127; "
            + "exec timeout -k 5 "
            + seconds
            + " "
            + shellLine(command);
    BoundedOutput out = new BoundedOutput(command.outputLimit());
    BoundedOutput err = new BoundedOutput(command.outputLimit());
    long start = System.nanoTime();
    long deadline = start + command.timeout().plus(GRACE).toNanos();
    boolean localTimeout = false;
    boolean cancelled = false;
    Integer status;
    try (ChannelExec channel = session.createExecChannel(line)) {
      channel.setOut(out);
      channel.setErr(err);
      channel.open().verify(Duration.ofSeconds(30));
      while (true) {
        Set<ClientChannelEvent> events =
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 100);
        if (events.contains(ClientChannelEvent.CLOSED)) {
          break;
        }
        if (cancellation.isCancelled()) {
          cancelled = true;
          break;
        }
        if (System.nanoTime() > deadline) {
          localTimeout = true;
          break;
        }
      }
      if (cancelled || localTimeout) {
        channel.close(true);
      }
      status = channel.getExitStatus();
    } catch (IOException e) {
      throw new ProviderException(
          "SSH command on " + target + " failed: " + e.getMessage(), null, null, true, e);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    if (cancelled) {
      throw new CancelledException(command.program());
    }
    int exit = status == null ? -1 : status;
    if (exit == 127 && out.text().isEmpty() && err.text().isEmpty()) {
      throw new InvalidInputException(
          command.program()
              + " is not on PATH on "
              + target
              + "; "
              + Tools.installHint(command.program()));
    }
    boolean timedOut = localTimeout || TIMEOUT_CODES.contains(exit);
    return new CommandResult(
        command.argv(),
        exit,
        out.text(),
        err.text(),
        out.truncated() || err.truncated(),
        elapsed,
        timedOut);
  }

  /** The command line quoted for a POSIX shell: a remote command travels as one line of shell. */
  static String shellLine(Command command) {
    StringBuilder b = new StringBuilder();
    for (String a : command.argv()) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(ShellQuote.quote(a));
    }
    return b.toString();
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (IOException e) {
      // Closing a session that broke: nothing left to release but the client.
    } finally {
      client.stop();
    }
  }

  /** Builds an {@link SshCommandRunner}; host, user, identity and known hosts are required. */
  public static final class Builder {
    private @Nullable String host;
    private int port = 22;
    private @Nullable String user;
    private @Nullable Path identity;
    private @Nullable Path knownHosts;
    private Duration connectTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The host name or address. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The port, 1-65535. Default 22. */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new InvalidInputException("port must be between 1 and 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** The remote user. */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** The private key file (OpenSSH or PEM format, without a passphrase). */
    public Builder identity(Path privateKey) {
      this.identity = privateKey;
      return this;
    }

    /** The {@code known_hosts} file that must hold the server's key. */
    public Builder knownHosts(Path file) {
      this.knownHosts = file;
      return this;
    }

    /** How long connecting and authenticating may take. Default 30 s. */
    public Builder connectTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("connectTimeout must be positive, was " + timeout);
      }
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Connects and authenticates.
     *
     * @throws ProviderException when the connection, the host key check or the login fails
     */
    public SshCommandRunner build() {
      return new SshCommandRunner(this);
    }
  }
}
