package io.cloudimage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudimage.core.journal.Journal;
import io.cloudimage.core.local.LocalProvider;
import io.cloudimage.core.model.Image;
import io.cloudimage.fleet.workflow.ShardLifecycleWorkflow;
import io.cloudimage.fleet.workflow.ShardStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleet apply|worker|status|approve --temporal} against a Temporal server listening on a
 * real port: a run is submitted, a worker started apart from it plans every shard, each shard waits
 * for its approval signal, and the run completes with every shard applied.
 */
class FleetClusterCommandTest {
  private static final String QUEUE = "fleet-cli-test";
  private static final List<String> ACCOUNTS = LocalFleetFixture.ACCOUNTS;

  @TempDir Path dir;

  @Test
  void aSubmittedRunWaitsForApprovalAppliesTheApprovedShardAndCancelsTheWaitingOne()
      throws Exception {
    Path fleet = seedFleet();
    int port = freePort();
    String target = "127.0.0.1:" + port;
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port)) {
      CliRun dry = CliRun.of("fleet", "apply", "--fleet", fleet.toString(), "--temporal", target);
      assertThat(dry.exitCode()).as(dry.err()).isZero();
      assertThat(dry.out()).contains("nothing submitted");

      CliRun submitted =
          CliRun.of(
              "--json",
              "fleet",
              "apply",
              "--fleet",
              fleet.toString(),
              "--temporal",
              target,
              "--task-queue",
              QUEUE,
              "--blobs",
              dir.resolve("blobs").toString(),
              "--yes");
      assertThat(submitted.exitCode()).as(submitted.err()).isZero();
      // The run's shards went to the workers' blob store, as a page, not into its history.
      assertThat(Output.tree(submitted.out()).path("shards").asInt()).isEqualTo(2);
      assertThat(dir.resolve("blobs").resolve("sha256")).isDirectory();
      String id = Output.tree(submitted.out()).path("id").asText();
      assertThat(id).startsWith("fleet-cli-");

      JsonNode before = status(target, id);
      assertThat(before.path("state").asText()).isEqualTo("RUNNING");

      AtomicInteger workerExit = new AtomicInteger(-1);
      Thread worker =
          new Thread(
              () ->
                  workerExit.set(
                      CloudImageCli.run(
                          "fleet",
                          "worker",
                          "--temporal",
                          target,
                          "--task-queue",
                          QUEUE,
                          "--journal",
                          dir.resolve("journals").toString(),
                          "--blobs",
                          dir.resolve("blobs").toString())),
              "fleet-worker");
      worker.start();
      try (ShardQueries shards = new ShardQueries(target, id)) {
        for (String account : ACCOUNTS) {
          awaitTrue(() -> shards.status(account) == ShardStatus.AWAITING_APPROVAL);
        }
        // Waiting for approval, nothing is done yet.
        assertThat(images("team-a")).hasSize(3);
        JsonNode waiting = status(target, id);
        assertThat(waiting.path("progress").path("running").asInt()).isEqualTo(2);

        // team-a is approved and applied; then the run is cancelled while team-b still waits.
        CliRun approve =
            CliRun.of(
                "fleet",
                "approve",
                id,
                "--shard",
                "local/team-a/us-east-1",
                "--temporal",
                target,
                "--task-queue",
                QUEUE);
        assertThat(approve.exitCode()).as(approve.err()).isZero();
        awaitTrue(() -> shards.status("team-a") == ShardStatus.APPLIED);
        assertThat(shards.status("team-b")).isEqualTo(ShardStatus.AWAITING_APPROVAL);
        CliRun cancel =
            CliRun.of("fleet", "cancel", id, "--temporal", target, "--task-queue", QUEUE);
        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        awaitTrue(() -> status(target, id).path("state").asText().equals("COMPLETED"));
      } finally {
        worker.interrupt();
        worker.join(Duration.ofSeconds(60).toMillis());
      }
      assertThat(workerExit.get()).isZero();

      JsonNode done = status(target, id);
      assertThat(done.path("report").path("shards"))
          .extracting(s -> s.path("account").asText() + "=" + s.path("status").asText())
          .containsExactlyInAnyOrder("team-a=APPLIED", "team-b=CANCELLED");
      assertThat(images("team-a")).extracting(Image::name).containsExactly("keep-me");
      Path journal =
          dir.resolve("journals").resolve("local").resolve("team-a").resolve("us-east-1");
      assertThat(Journal.verify(journal).valid()).isTrue();
      // The cancelled shard did nothing.
      assertThat(images("team-b")).hasSize(3);

      CliRun unknown = CliRun.of("fleet", "status", "fleet-nope", "--temporal", target);
      assertThat(unknown.exitCode()).as(unknown.err()).isEqualTo(ExitCodes.BAD_INPUT);
    }
  }

  @Test
  void aRunIsSubmittedOnlyWithTheWorkersBlobStore() throws Exception {
    Path fleet = seedFleet();
    CliRun apply =
        CliRun.of(
            "fleet", "apply", "--fleet", fleet.toString(), "--temporal", "127.0.0.1:1", "--yes");
    assertThat(apply.exitCode()).as(apply.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(apply.err()).contains("--blobs");
    CliRun plan = CliRun.of("fleet", "plan", "--fleet", fleet.toString(), "--temporal", "x:1");
    assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.USAGE);
    CliRun worker = CliRun.of("fleet", "worker", "--temporal", "x:1", "--journal", dir.toString());
    assertThat(worker.exitCode()).as(worker.err()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void statusApproveAndCancelNeedACluster() {
    assertThat(CliRun.of("fleet", "status", "x").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.of("fleet", "approve", "x", "--shard", "a/b/c").exitCode())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.of("fleet", "cancel", "x").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  private JsonNode status(String target, String id) {
    CliRun run =
        CliRun.of(
            "--json",
            "fleet",
            "status",
            id,
            "--temporal",
            target,
            "--task-queue",
            QUEUE,
            "--blobs",
            dir.resolve("blobs").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return Output.tree(run.out());
  }

  /** Asks the shards' own workflows where they are. */
  private static final class ShardQueries implements AutoCloseable {
    private final WorkflowServiceStubs service;
    private final WorkflowClient client;
    private final String fleetId;

    ShardQueries(String target, String fleetId) {
      this.service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
      this.client =
          WorkflowClient.newInstance(
              service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      this.fleetId = fleetId;
    }

    ShardStatus status(String account) {
      try {
        return client
            .newWorkflowStub(
                ShardLifecycleWorkflow.class, fleetId + "/local-" + account + "-us-east-1")
            .status();
      } catch (RuntimeException e) {
        // Not started yet.
        return ShardStatus.PENDING;
      }
    }

    @Override
    public void close() {
      service.shutdownNow();
    }
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waited 90 s").isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private List<Image> images(String account) {
    try (LocalProvider local =
        LocalProvider.builder()
            .home(dir.resolve("homes").resolve(account).resolve("us-east-1"))
            .build()) {
      return local.images().toList();
    }
  }

  private Path seedFleet() throws IOException {
    return LocalFleetFixture.seed(dir, "cli", "approval: {above: {deletions: 1}}\n");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
