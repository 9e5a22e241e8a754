package dev.listings.infra;

import dev.listings.infra.EmbeddedConnectWorker.ConnectorState;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.AbstractStatus;
import org.apache.kafka.connect.runtime.ConnectorStatus;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.TaskStatus;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.storage.StatusBackingStore;

/**
 * Reads and waits on connector statuses. The status topic outlives workers: right after a restart it still holds what
 * the previous worker last wrote (often RUNNING). A status counts as current only when it was written in or after the
 * group generation this worker first joined, so waiting for RUNNING is not satisfied by a stale record.
 */
final class ConnectorStatuses {
  private final Herder herder;
  private final int joinedGeneration;
  private final long waitMs;

  ConnectorStatuses(Herder herder, int joinedGeneration, long waitMs) {
    this.herder = herder;
    this.joinedGeneration = joinedGeneration;
    this.waitMs = waitMs;
  }

  /** The status API's view: connector state, task states by task id, and the first error trace. */
  ConnectorState state(String name) {
    ConnectorStateInfo info = herder.connectorStatus(name);
    List<ConnectorStateInfo.TaskState> tasks = info.tasks().stream().sorted().toList();
    String trace = info.connector().trace();
    for (ConnectorStateInfo.TaskState task : tasks) {
      if (trace == null && task.trace() != null) {
        trace = task.trace();
      }
    }
    return new ConnectorState(
        info.connector().state(), tasks.stream().map(ConnectorStateInfo.AbstractState::state).toList(), trace);
  }

  ConnectorState awaitRunning(String name) {
    long deadline = System.currentTimeMillis() + waitMs;
    ConnectorState state = null;
    while (System.currentTimeMillis() < deadline && !Thread.currentThread().isInterrupted()) {
      if (current(name)) {
        state = state(name);
        if (state.running()) {
          return state;
        }
        if (state.failed()) {
          throw new IllegalStateException("Connector " + name + " failed: " + state.trace());
        }
      }
      Sleeper.sleep(100);
    }
    throw new IllegalStateException("Connector " + name + " is not running after " + waitMs + " ms: " + state);
  }

  void awaitGone(String name) {
    long deadline = System.currentTimeMillis() + waitMs;
    while (System.currentTimeMillis() < deadline && !Thread.currentThread().isInterrupted()) {
      try {
        herder.connectorStatus(name);
      } catch (NotFoundException stopped) {
        return;
      }
      Sleeper.sleep(50);
    }
    throw new IllegalStateException("Connector " + name + " did not stop within " + waitMs + " ms");
  }

  /** Whether the connector and all its tasks have statuses written since this worker joined its group. */
  private boolean current(String name) {
    StatusBackingStore store = herder.statusBackingStore();
    ConnectorStatus connector = store.get(name);
    Collection<TaskStatus> tasks = store.getAll(name);
    return connector != null && isCurrent(connector) && tasks.stream().allMatch(this::isCurrent);
  }

  private boolean isCurrent(AbstractStatus<?> status) {
    return status.generation() >= joinedGeneration;
  }
}
