package io.cloudimage.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudimage.core.error.InvalidInputException;
import io.cloudimage.core.error.ProviderException;
import io.cloudimage.core.host.Command;
import io.cloudimage.core.host.CommandResult;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.testing.RequiredTools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH runner against a real OpenSSH server started on a loopback port with new keys. */
class SshCommandRunnerTest {
  @TempDir static Path dir;
  private static Process sshd;
  private static int port;

  @BeforeAll
  static void startSshd() throws Exception {
    Path server = RequiredTools.command("sshd");
    Path keygen = RequiredTools.command("ssh-keygen");
    keygen(keygen, "host_key");
    keygen(keygen, "user_key");
    keygen(keygen, "other_key");
    Files.copy(dir.resolve("user_key.pub"), dir.resolve("authorized_keys"));
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Files.writeString(
        dir.resolve("sshd_config"),
        String.join(
            "\n",
            "HostKey " + dir.resolve("host_key"),
            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
            "PidFile " + dir.resolve("sshd.pid"),
            "ListenAddress 127.0.0.1",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "StrictModes no",
            "PermitRootLogin prohibit-password",
            ""));
    String hostKey = Files.readString(dir.resolve("host_key.pub")).trim();
    Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + hostKey + "\n");
    String otherKey = Files.readString(dir.resolve("other_key.pub")).trim();
    Files.writeString(
        dir.resolve("wrong_known_hosts"), "[127.0.0.1]:" + port + " " + otherKey + "\n");
    // OpenSSH's privilege separation folder, which the distribution's service unit creates.
    Files.createDirectories(Path.of("/run/sshd"));
    sshd =
        new ProcessBuilder(
                List.of(
                    server.toString(),
                    "-D",
                    "-e",
                    "-f",
                    dir.resolve("sshd_config").toString(),
                    "-p",
                    Integer.toString(port)))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException e) {
        if (!sshd.isAlive()) {
          throw new IllegalStateException(
              "sshd exited: " + Files.readString(dir.resolve("sshd.log")));
        }
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("sshd did not listen on " + port);
  }

  @AfterAll
  static void stopSshd() throws Exception {
    if (sshd != null) {
      sshd.destroy();
      sshd.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void keygen(Path keygen, String name) throws Exception {
    Process p =
        new ProcessBuilder(
                keygen.toString(),
                "-q",
                "-t",
                "ecdsa",
                "-N",
                "",
                "-f",
                dir.resolve(name).toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
  }

  private static SshCommandRunner.Builder runner() {
    return SshCommandRunner.builder()
        .host("127.0.0.1")
        .port(port)
        .user(System.getProperty("user.name"))
        .identity(dir.resolve("user_key"))
        .knownHosts(dir.resolve("known_hosts"));
  }

  @Test
  void runsARemoteCommandCapturingOutputAndExitCode() {
    try (SshCommandRunner ssh = runner().build()) {
      CommandResult r =
          ssh.run(
              Command.of(
                  List.of("sh", "-c", "echo \"it's out\"; echo err >&2; exit 3"),
                  Duration.ofSeconds(20)),
              Cancellation.never());
      assertThat(r.exitCode()).isEqualTo(3);
      assertThat(r.stdout()).isEqualTo("it's out\n");
      assertThat(r.stderr()).isEqualTo("err\n");
      assertThat(r.timedOut()).isFalse();
    }
  }

  @Test
  void aRemoteJobPastItsTimeoutIsKilledThere() {
    RequiredTools.command("stress-ng");
    try (SshCommandRunner ssh = runner().build()) {
      CommandResult r =
          ssh.run(
              Command.of(
                  List.of("stress-ng", "--cpu", "1", "--timeout", "60s"), Duration.ofSeconds(1)),
              Cancellation.never());
      assertThat(r.timedOut()).isTrue();
      assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(15));
    }
  }

  @Test
  void aToolMissingOnTheRemoteIsBadInputWithTheInstallCommand() {
    try (SshCommandRunner ssh = runner().build()) {
      assertThatThrownBy(
              () ->
                  ssh.run(
                      Command.of(List.of("wrk-not-installed-here"), Duration.ofSeconds(5)),
                      Cancellation.never()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("is not on PATH on ")
          .hasMessageContaining("apt-get install");
    }
  }

  @Test
  void refusesAServerWhoseKeyIsNotTheKnownOne() {
    assertThatThrownBy(() -> runner().knownHosts(dir.resolve("wrong_known_hosts")).build().close())
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("cannot open an SSH session");
  }
}
