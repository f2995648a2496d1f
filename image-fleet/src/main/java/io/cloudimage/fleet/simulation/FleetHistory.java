package io.cloudimage.fleet.simulation;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs of a fleet workflow that continued as new, read from the service: how many events and
 * bytes each run's history holds, how many shard workflows and activities it started.
 */
public final class FleetHistory {
  private FleetHistory() {}

  /**
   * Each run's history size, first run first, following the continue-as-new chain from {@code
   * firstRunId}.
   */
  public static List<Run> runs(WorkflowClient client, String workflowId, String firstRunId) {
    List<Run> runs = new ArrayList<>();
    String runId = firstRunId;
    while (runId != null) {
      WorkflowExecutionHistory history = client.fetchHistory(workflowId, runId);
      List<HistoryEvent> events = history.getEvents();
      long bytes = 0;
      int children = 0;
      int activities = 0;
      for (HistoryEvent e : events) {
        bytes += e.getSerializedSize();
        if (e.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
          children++;
        } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
          activities++;
        }
      }
      runs.add(new Run(runId, events.size(), bytes, children, activities));
      HistoryEvent last = events.get(events.size() - 1);
      runId =
          last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
              ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : null;
    }
    return runs;
  }

  /**
   * One run's history.
   *
   * @param runId the run's id
   * @param events how many events its history holds
   * @param bytes their serialized size
   * @param shardWorkflows how many shard workflows it started
   * @param activities how many activities it scheduled (plan batches; local activities are not
   *     counted)
   */
  public record Run(String runId, int events, long bytes, int shardWorkflows, int activities) {}
}
