package io.cloudimage.fleet.simulation;

import io.cloudimage.core.lifecycle.plan.LifecyclePlanner;
import io.cloudimage.core.lifecycle.plan.Plan;
import io.cloudimage.core.lifecycle.policy.LifecyclePolicy;
import io.cloudimage.fleet.Shard;
import io.cloudimage.fleet.workflow.BlobStore;
import io.cloudimage.fleet.workflow.FleetLifecycleWorkflow;
import io.cloudimage.fleet.workflow.FleetReport;
import io.cloudimage.fleet.workflow.FleetRun;
import io.cloudimage.fleet.workflow.FleetRuns;
import io.cloudimage.fleet.workflow.FleetWorkers;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Plans a {@link SyntheticFleet} through the fleet's workflows, or through the planner alone, and
 * measures it. {@code scripts/bench-fleet.sh} runs the modes as separate JVMs:
 *
 * <pre>
 * fleet   PORT DIR ACCOUNTS REGIONS ITEMS CONCURRENT PER_RUN WORKERS PER_BATCH (server + the run)
 * worker  PORT DIR ACCOUNTS REGIONS ITEMS                             (one worker, until killed)
 * planner ACCOUNTS REGIONS ITEMS                                      (LifecyclePlanner alone)
 * </pre>
 */
public final class FleetSimulation {
  private FleetSimulation() {}

  /**
   * Activities a simulated worker runs at once: one plan batch, planned on one thread. With more
   * slots, Temporal's test server hands every batch to the first worker polling and the second
   * worker idles; one slot per worker spreads the batches over both.
   */
  static final int WORKER_ACTIVITY_SLOTS = 1;

  /** What the planner alone does with each shard's plan. */
  public enum PlanOutput {
    /** Plans only. */
    PLAN,
    /** Plans and digests each plan (its plan-file JSON through SHA-256), as a fleet shard does. */
    PLAN_AND_DIGEST
  }

  /**
   * Plans every shard of {@code fleet} with the planner alone, one after another, on one thread.
   */
  public static Measure planDirectly(SyntheticFleet fleet) {
    return planDirectly(fleet, PlanOutput.PLAN);
  }

  /**
   * Plans every shard of {@code fleet} with the planner alone, one after another, on one thread,
   * doing {@code output} with each plan.
   */
  public static Measure planDirectly(SyntheticFleet fleet, PlanOutput output) {
    LifecyclePlanner planner = LifecyclePlanner.builder().build();
    LifecyclePolicy policy = LifecyclePolicy.defaultPolicy();
    Clock clock = Clock.fixed(SyntheticFleet.NOW, ZoneOffset.UTC);
    long start = System.nanoTime();
    long items = 0;
    long actions = 0;
    BigDecimal saving = BigDecimal.ZERO;
    List<Shard> shards = fleet.shards();
    for (Shard s : shards) {
      Plan plan = planner.plan(fleet.inventory(s), policy, clock);
      if (output == PlanOutput.PLAN_AND_DIGEST && plan.digest().isEmpty()) {
        throw new IllegalStateException("no digest for " + s.id());
      }
      items += fleet.items(s);
      actions += plan.actions().size();
      saving = saving.add(plan.monthlySaving().amount());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String method = output == PlanOutput.PLAN ? "planner" : "planner+digest";
    return new Measure(method, shards.size(), items, actions, saving, seconds, 0, 0, 0);
  }

  /**
   * Plans every shard of {@code fleet} through the fleet workflow on {@code client}'s service, with
   * the workers already polling {@code taskQueue}, {@code shardsPerPlanBatch} shards per plan
   * batch, and reads back the run's history sizes.
   */
  public static Measure planThroughWorkflows(
      WorkflowClient client,
      String taskQueue,
      SyntheticFleet fleet,
      BlobStore blobs,
      int maxConcurrentShards,
      int shardsPerRun,
      int shardsPerPlanBatch) {
    FleetRun run =
        FleetRuns.store(
            fleet
                .planRun(maxConcurrentShards, shardsPerRun)
                .withShardsPerPlanBatch(shardsPerPlanBatch),
            blobs);
    String id = "synthetic-" + UUID.randomUUID();
    FleetLifecycleWorkflow workflow =
        client.newWorkflowStub(
            FleetLifecycleWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(id).build());
    long start = System.nanoTime();
    WorkflowExecution first = WorkflowClient.start(workflow::run, run);
    FleetReport report = WorkflowStub.fromTyped(workflow).getResult(FleetReport.class);
    double seconds = (System.nanoTime() - start) / 1e9;
    List<FleetHistory.Run> runs = FleetHistory.runs(client, id, first.getRunId());
    long events = runs.stream().mapToLong(FleetHistory.Run::events).sum();
    long bytes = runs.stream().mapToLong(FleetHistory.Run::bytes).sum();
    BigDecimal saving =
        report.monthlySaving().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    return new Measure(
        "workflows",
        report.totals().shards(),
        fleet.items(),
        report.actions(),
        saving,
        seconds,
        runs.size(),
        events,
        bytes);
  }

  /**
   * Registers a worker of the synthetic fleet on {@code factory}: the fleet and shard workflows,
   * the fleet activities over {@code blobs} and the simulated shard activities.
   */
  public static SimulatedShardActivities register(
      WorkerFactory factory, String taskQueue, SyntheticFleet fleet, BlobStore blobs) {
    SimulatedShardActivities activities = new SimulatedShardActivities(fleet);
    FleetWorkers.register(factory, taskQueue, activities, blobs, WORKER_ACTIVITY_SLOTS);
    return activities;
  }

  /** Runs one mode; see the class comment. */
  public static void main(String[] args) throws Exception {
    switch (args.length == 0 ? "" : args[0]) {
      case "planner" -> {
        SyntheticFleet fleet = fleet(args, 1);
        try (HeapWatch heap = HeapWatch.start()) {
          double cpu = cpuSeconds();
          // With digests first, so that the plain planner runs on a warm JIT: the ratio against
          // it is the conservative one.
          System.out.println(planDirectly(fleet, PlanOutput.PLAN_AND_DIGEST).line());
          System.out.println(cpuLine("planner+digest", cpuSeconds() - cpu));
          double plainCpu = cpuSeconds();
          System.out.println(planDirectly(fleet).line());
          System.out.println(cpuLine("planner", cpuSeconds() - plainCpu));
          System.out.println(heapLine("planner", heap));
        }
      }
      case "worker" -> worker(args);
      case "fleet" -> fleetRun(args);
      default ->
          throw new IllegalArgumentException(
              "usage: FleetSimulation planner|worker|fleet ARGS (see the class comment)");
    }
  }

  private static SyntheticFleet fleet(String[] args, int from) {
    return new SyntheticFleet(
        Integer.parseInt(args[from]),
        Integer.parseInt(args[from + 1]),
        Integer.parseInt(args[from + 2]));
  }

  private static WorkflowClient connect(int port) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("localhost:" + port).build());
    return WorkflowClient.newInstance(service);
  }

  private static void worker(String[] args) throws IOException, InterruptedException {
    int port = Integer.parseInt(args[1]);
    Path dir = Path.of(args[2]);
    SyntheticFleet fleet = fleet(args, 3);
    HeapWatch heap = HeapWatch.start();
    WorkflowClient client = connect(port);
    WorkerFactory factory = WorkerFactory.newInstance(client);
    SimulatedShardActivities activities =
        register(
            factory,
            FleetWorkers.DEFAULT_TASK_QUEUE,
            fleet,
            BlobStore.folder(dir.resolve("blobs")));
    // A loaded machine answers the first calls slowly: try again until the service answers.
    for (int attempt = 1; ; attempt++) {
      try {
        factory.start();
        break;
      } catch (io.grpc.StatusRuntimeException e) {
        if (attempt == 30) {
          throw e;
        }
        Thread.sleep(1000);
      }
    }
    String name = "worker-" + ProcessHandle.current().pid();
    double cpuAtReady = cpuSeconds();
    Files.writeString(dir.resolve(name + ".ready"), name);
    // The heap line is rewritten every second; the script reads the last one after the run.
    while (true) {
      Thread.sleep(1000);
      Files.writeString(
          dir.resolve(name + ".heap"),
          heapLine(name, heap)
              + String.format(
                  Locale.ROOT,
                  " shards=%d items=%d; %s%n",
                  activities.shardsPlanned(),
                  activities.itemsPlanned(),
                  cpuLine(name, cpuSeconds() - cpuAtReady)));
    }
  }

  private static void fleetRun(String[] args) throws IOException, InterruptedException {
    int port = Integer.parseInt(args[1]);
    Path dir = Path.of(args[2]);
    SyntheticFleet fleet = fleet(args, 3);
    int concurrent = Integer.parseInt(args[6]);
    int perRun = Integer.parseInt(args[7]);
    int workers = Integer.parseInt(args[8]);
    int perBatch = Integer.parseInt(args[9]);
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true)) {
      Files.writeString(dir.resolve("server.ready"), "localhost:" + port);
      long deadline = System.nanoTime() + 300_000_000_000L;
      while (countReady(dir) < workers) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "fewer than " + workers + " workers started in 5 minutes; see their output");
        }
        Thread.sleep(100);
      }
      WorkflowClient client = connect(port);
      double cpu = cpuSeconds();
      Measure m =
          planThroughWorkflows(
              client,
              FleetWorkers.DEFAULT_TASK_QUEUE,
              fleet,
              BlobStore.folder(dir.resolve("blobs")),
              concurrent,
              perRun,
              perBatch);
      System.out.println(m.line());
      System.out.println(cpuLine("server and client", cpuSeconds() - cpu));
      client.getWorkflowServiceStubs().shutdown();
    }
  }

  private static long countReady(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".ready")).count() - 1;
    }
  }

  /**
   * The CPU time this JVM has used, all its threads (compiler and collector included): on a machine
   * shared with other work, the measure that load does not stretch.
   */
  private static double cpuSeconds() {
    return ProcessHandle.current()
            .info()
            .totalCpuDuration()
            .orElse(java.time.Duration.ZERO)
            .toMillis()
        / 1000.0;
  }

  private static String cpuLine(String who, double seconds) {
    return String.format(Locale.ROOT, "%s cpu: %.1f s", who, seconds);
  }

  private static String heapLine(String who, HeapWatch heap) {
    return String.format(
        Locale.ROOT,
        "%s heap: max %d MB, peak used %d MB, peak live after GC %d MB",
        who,
        HeapWatch.max() >> 20,
        heap.peakUsed() >> 20,
        heap.peakLive() >> 20);
  }
}
