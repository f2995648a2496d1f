package io.cloudimage.fleet.cluster;

import io.cloudimage.core.error.NotFoundException;
import io.cloudimage.core.error.ProviderUnavailableException;
import io.cloudimage.fleet.workflow.BlobStore;
import io.cloudimage.fleet.workflow.FleetLifecycleWorkflow;
import io.cloudimage.fleet.workflow.FleetProgress;
import io.cloudimage.fleet.workflow.FleetReport;
import io.cloudimage.fleet.workflow.FleetRun;
import io.cloudimage.fleet.workflow.FleetWorkers;
import io.cloudimage.fleet.workflow.ShardActivities;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A connection to a Temporal cluster that runs fleets: submits runs, answers their status, passes
 * approvals and cancellation on, and starts workers. Inventories and plans pass between workers
 * through the {@link io.cloudimage.fleet.workflow.BlobStore}, so every worker of a task queue needs
 * the same blob folder (a shared file system), and the journals' folder must be the same for a
 * shard wherever it runs.
 *
 * <pre>{@code
 * try (FleetCluster cluster = FleetCluster.connect(ClusterAddress.of("temporal.example:7233"))) {
 *   String id = cluster.submit(FleetRuns.planAndApply(fleet));
 *   FleetStatus status = cluster.status(id);
 *   cluster.approve(id, "aws/111111111111/us-east-1");
 * }
 * }</pre>
 */
public final class FleetCluster implements AutoCloseable {
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

  private final ClusterAddress address;
  private final WorkflowServiceStubs service;
  private final WorkflowClient client;

  private FleetCluster(ClusterAddress address, WorkflowServiceStubs service) {
    this.address = address;
    this.service = service;
    this.client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(address.namespace()).build());
  }

  /**
   * Connects to the cluster at {@code address}; the connection is made lazily, so a cluster that
   * cannot be reached shows at the first call.
   */
  public static FleetCluster connect(ClusterAddress address) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(address.target())
                // A query waits for a worker to answer; without one, status says so soon.
                .setRpcQueryTimeout(QUERY_TIMEOUT)
                .build());
    return new FleetCluster(address, service);
  }

  /** Where this connection points. */
  public ClusterAddress address() {
    return address;
  }

  /**
   * Starts {@code run} on the cluster and returns its workflow id at once; the run goes on when a
   * worker polls the task queue.
   *
   * @throws ProviderUnavailableException when the cluster cannot be reached
   */
  public String submit(FleetRun run) {
    String id = "fleet-" + run.fleet() + "-" + UUID.randomUUID();
    FleetLifecycleWorkflow workflow =
        client.newWorkflowStub(
            FleetLifecycleWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(address.taskQueue())
                .setWorkflowId(id)
                .build());
    call("submit the fleet " + run.fleet(), () -> WorkflowClient.start(workflow::run, run));
    return id;
  }

  /**
   * The run's status: its state, its progress while it runs (from a worker), its report once it
   * completed.
   *
   * @throws NotFoundException when the cluster has no run with this id
   */
  public FleetStatus status(String id) {
    WorkflowStub stub = client.newUntypedWorkflowStub(id);
    WorkflowExecutionStatus raw = call(id, () -> stub.describe().getStatus());
    FleetState state = state(raw);
    if (state == FleetState.RUNNING || state == FleetState.CONTINUED) {
      FleetProgress progress;
      try {
        progress = call(id, () -> workflow(id).progress());
      } catch (WorkflowException | ProviderUnavailableException e) {
        // No worker answered the query in time: the state is still known.
        progress = null;
      }
      return new FleetStatus(id, FleetState.RUNNING, progress, null);
    }
    if (state == FleetState.COMPLETED) {
      return new FleetStatus(id, state, null, await(id, Duration.ofSeconds(30)));
    }
    return new FleetStatus(id, state, null, null);
  }

  /**
   * Waits for the run to end and returns its report.
   *
   * @throws ProviderUnavailableException when it does not end within {@code timeout}
   */
  public FleetReport await(String id, Duration timeout) {
    WorkflowStub stub = client.newUntypedWorkflowStub(id);
    try {
      return call(
          id,
          () -> {
            try {
              return stub.getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, FleetReport.class);
            } catch (TimeoutException e) {
              throw new ProviderUnavailableException(
                  "the fleet run " + id + " did not end within " + timeout + "; ask again later",
                  e);
            }
          });
    } catch (WorkflowException e) {
      throw new ProviderUnavailableException(
          "the fleet run " + id + " ended without a report: " + e.getMessage(), e);
    }
  }

  /**
   * Approves the plan of one shard of the run ({@code PROVIDER/ACCOUNT/REGION}); a shard that does
   * not wait for approval ignores it.
   *
   * @throws NotFoundException when the cluster has no running run with this id
   */
  public void approve(String id, String shard) {
    call(id, () -> workflow(id).approve(shard));
  }

  /** Stops the run: no new shard starts and running shards start no new action. */
  public void cancel(String id) {
    call(id, () -> workflow(id).cancel());
  }

  /**
   * Starts a worker on this machine polling the cluster's task queue with {@code activities}; it
   * runs until closed.
   */
  public ClusterWorker startWorker(ShardActivities activities) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    FleetWorkers.register(factory, address.taskQueue(), activities);
    call("start a worker on " + address.taskQueue(), factory::start);
    return new ClusterWorker(factory);
  }

  /**
   * As {@link #startWorker(ShardActivities)}, and also runs the fleet workflow's page activities
   * over {@code blobs} (a folder every worker shares), so stored runs can run on this worker.
   */
  public ClusterWorker startWorker(ShardActivities activities, BlobStore blobs) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    FleetWorkers.register(factory, address.taskQueue(), activities, blobs);
    call("start a worker on " + address.taskQueue(), factory::start);
    return new ClusterWorker(factory);
  }

  private FleetLifecycleWorkflow workflow(String id) {
    return client.newWorkflowStub(FleetLifecycleWorkflow.class, id);
  }

  private static FleetState state(WorkflowExecutionStatus raw) {
    return switch (raw) {
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> FleetState.COMPLETED;
      case WORKFLOW_EXECUTION_STATUS_FAILED -> FleetState.FAILED;
      case WORKFLOW_EXECUTION_STATUS_CANCELED, WORKFLOW_EXECUTION_STATUS_TERMINATED ->
          FleetState.STOPPED;
      case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> FleetState.TIMED_OUT;
      case WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW -> FleetState.CONTINUED;
      default -> FleetState.RUNNING;
    };
  }

  private void call(String what, Runnable r) {
    call(
        what,
        () -> {
          r.run();
          return null;
        });
  }

  /** Runs a call to the cluster, turning its transport failures into the library's. */
  private <T> T call(String what, Supplier<@Nullable T> s) {
    try {
      return s.get();
    } catch (WorkflowNotFoundException e) {
      throw new NotFoundException(
          "the cluster "
              + address.target()
              + " has no fleet run "
              + what
              + " in namespace "
              + address.namespace(),
          e);
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.NOT_FOUND) {
        throw new NotFoundException(
            "the cluster "
                + address.target()
                + " has no fleet run "
                + what
                + " in namespace "
                + address.namespace(),
            e);
      }
      throw new ProviderUnavailableException(
          "cannot reach the Temporal cluster at "
              + address.target()
              + " to "
              + what
              + " ("
              + code.name().toLowerCase(Locale.ROOT)
              + "): "
              + e.getStatus().getDescription(),
          e);
    }
  }

  @Override
  public void close() {
    service.shutdown();
    service.awaitTermination(5, TimeUnit.SECONDS);
  }
}
