package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudimage.aliyun.EcsTestAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code share}, {@code unshare} and {@code export} with {@code --provider aliyun} doing their
 * work, against the stateful local ECS endpoint that checks the real SDK's signatures.
 */
class AliyunCommandFlowTest {
  @TempDir Path home;
  EcsTestAccess ecs;
  String oldHome = "";

  @BeforeEach
  void start() throws IOException {
    ecs = EcsTestAccess.start();
    ecs.pollsToFinish(1);
    Path credentials = home.resolve(".alibabacloud/credentials");
    Files.createDirectories(credentials.getParent());
    Files.writeString(
        credentials,
        "[default]\naccess_key_id = "
            + EcsTestAccess.ACCESS_KEY_ID
            + "\naccess_key_secret = "
            + EcsTestAccess.SECRET
            + "\n");
    oldHome = System.getProperty("user.home");
    System.setProperty("user.home", home.toString());
  }

  @AfterEach
  void stop() {
    System.setProperty("user.home", oldHome);
    ecs.close();
  }

  private CliRun run(String... command) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--provider",
                "aliyun",
                "--region",
                EcsTestAccess.REGION,
                "--endpoint",
                ecs.uri().toString()));
    args.addAll(List.of(command));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void anImageIsSharedWithTwoAccountsThenUnsharedFromOne() {
    String id = ecs.addImage("web-base");

    CliRun share =
        run("share", id, "--account", "1000000000000001", "--account", "1000000000000002");
    assertThat(share.exitCode()).as(share.err()).isZero();
    assertThat(ecs.sharedWith(id))
        .containsExactlyInAnyOrder("1000000000000001", "1000000000000002");

    CliRun unshare = run("unshare", id, "--account", "1000000000000001");
    assertThat(unshare.exitCode()).as(unshare.err()).isZero();
    assertThat(ecs.sharedWith(id)).containsExactly("1000000000000002");
  }

  @Test
  void anExportToOssIsPolledToItsEndAndWritesTheObject() {
    String id = ecs.addImage("web-base");

    CliRun export = run("export", id, "--to", "oss://exports/web/", "--format", "qcow2");

    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(ecs.exported()).containsExactly("oss://exports/web/" + id + ".qcow2");
    assertThat(ecs.calls()).contains("ExportImage");
  }
}
