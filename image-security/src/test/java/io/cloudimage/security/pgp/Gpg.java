package io.cloudimage.security.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.core.testing.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway GnuPG home for tests: real keys made by the real gpg. Keys are made once per JVM and
 * shared, because RSA key generation takes seconds.
 */
final class Gpg {
  static final String PASSPHRASE = "correct horse battery staple";
  private static final Map<String, Gpg> HOMES = new ConcurrentHashMap<>();

  static {
    // Homes are shared by the test classes of one JVM, so their agents are stopped when it ends:
    // each gpg call starts a gpg-agent for its home, which would otherwise outlive the test run.
    Runtime.getRuntime().addShutdownHook(new Thread(Gpg::stopAgents, "stop gpg-agents"));
  }

  final Path home;
  final Path gpg;

  private Gpg(Path home) {
    this.gpg = RequiredTools.command("gpg");
    this.home = home;
  }

  /** A shared home named {@code name}, created on first use. */
  static Gpg shared(String name) {
    return HOMES.computeIfAbsent(
        name,
        n -> {
          try {
            Path dir = Files.createTempDirectory("cloudimage-gpg-" + n);
            dir.toFile().deleteOnExit();
            Files.setPosixFilePermissions(
                dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            return new Gpg(dir);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** Stops the gpg-agent (and any other GnuPG daemon) of every home made here. */
  static void stopAgents() {
    for (Gpg g : HOMES.values()) {
      g.stopAgent();
    }
  }

  /** Stops this home's GnuPG daemons ({@code gpgconf --homedir H --kill all}). */
  void stopAgent() {
    Path gpgconf = gpg.resolveSibling("gpgconf");
    if (!Files.isExecutable(gpgconf)) {
      return;
    }
    exec(List.of(gpgconf.toString(), "--homedir", home.toString(), "--kill", "all"));
  }

  /** Makes a key (once) and returns its fingerprint. {@code algo}: rsa3072, ed25519, rsa1024. */
  String key(String uid, String algo) {
    String existing = fingerprintOf(uid);
    if (existing != null) {
      return existing;
    }
    run("--quick-gen-key", uid, algo, "sign", "never");
    return fingerprintOf(uid);
  }

  /**
   * Makes a key (once) whose primary signs and which has a separate encryption subkey; returns the
   * primary's fingerprint. {@code signAlgo}: rsa3072, ed25519; {@code encryptAlgo}: rsa3072,
   * cv25519.
   */
  String keyWithEncryption(String uid, String signAlgo, String encryptAlgo) {
    String existing = fingerprintOf(uid);
    if (existing != null) {
      return existing;
    }
    run("--quick-gen-key", uid, signAlgo, "sign", "never");
    String fpr = fingerprintOf(uid);
    run("--quick-add-key", fpr, encryptAlgo, "encr", "never");
    return fpr;
  }

  /** Exports the secret keys of {@code uid}, still protected by {@link #PASSPHRASE}. */
  Path exportSecret(String uid, Path out, boolean armor) {
    List<String> args = new ArrayList<>(List.of("--output", out.toString()));
    if (armor) {
      args.add("--armor");
    }
    args.add("--export-secret-keys");
    args.add(uid);
    run(args.toArray(String[]::new));
    return out;
  }

  String fingerprintOf(String uid) {
    Result r = tryRun("--with-colons", "--list-keys", uid);
    if (r.code != 0) {
      return null;
    }
    for (String line : r.stdout.split("\n")) {
      if (line.startsWith("fpr:")) {
        return line.split(":")[9];
      }
    }
    return null;
  }

  Path export(String uid, Path out, boolean armor) {
    List<String> args = new ArrayList<>(List.of("--output", out.toString()));
    if (armor) {
      args.add("--armor");
    }
    args.add("--export");
    args.add(uid);
    run(args.toArray(String[]::new));
    return out;
  }

  void run(String... args) {
    Result r = tryRun(args);
    assertThat(r.code).as("gpg %s failed: %s", List.of(args), r.stderr).isZero();
  }

  Result tryRun(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                gpg.toString(),
                "--homedir",
                home.toString(),
                "--batch",
                "--yes",
                "--no-tty",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                PASSPHRASE));
    cmd.addAll(List.of(args));
    return exec(cmd);
  }

  /** Runs gpgv on a signature with a keyring; returns its exit code. */
  static Result gpgv(Path keyring, Path... files) {
    List<String> cmd =
        new ArrayList<>(
            List.of(RequiredTools.command("gpgv").toString(), "--keyring", keyring.toString()));
    for (Path f : files) {
      cmd.add(f.toString());
    }
    return exec(cmd);
  }

  static Result exec(List<String> cmd) {
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + cmd);
      }
      return new Result(
          p.exitValue(),
          new String(out, StandardCharsets.UTF_8),
          new String(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Result(int code, String stdout, String stderr) {}
}
