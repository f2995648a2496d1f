package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
  @TempDir Path tmp;

  @Test
  void writesAFixPlanExitsOneAndChangesNothing() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("root/etc/ssh"));
    Files.writeString(root.resolve("ssh_host_rsa_key"), "key");
    Path plan = tmp.resolve("plan.txt");

    CliRun run =
        CliRun.of("--json", "scan", tmp.resolve("root").toString(), "--fix-plan", plan.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("\"check\" : \"ssh-host-key\"", "\"severity\" : \"HIGH\"");
    assertThat(Files.readString(plan)).contains("remove /etc/ssh/ssh_host_rsa_key");
    assertThat(root.resolve("ssh_host_rsa_key")).exists();
  }
}
