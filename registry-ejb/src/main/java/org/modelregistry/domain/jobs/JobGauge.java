package org.modelregistry.domain.jobs;

import java.util.List;
import java.util.Objects;

/**
 * One gauge of {@code registry_jobs{kind, state}}: the rows of {@code table} in {@code stateValue}, shown as
 * {@code kind} and {@code state} (e.g. {@code evaluation}, {@code waiting} for evaluation runs QUEUED). The state goes
 * into SQL as a literal, so that the count uses the table's partial index on open states.
 */
public record JobGauge(String kind, String state, String table, String stateValue) {

    public JobGauge {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        if (!JobTable.plainTable(table) || !JobTable.plainState(stateValue)) {
            throw new IllegalArgumentException("not a plain table and state: " + table + ", " + stateValue);
        }
    }

    /** The gauges of an outbox: its jobs {@code waiting} and {@code running}, shown as {@code kind}. */
    public static List<JobGauge> waitingAndRunning(String kind, JobTable outbox) {
        return List.of(
                new JobGauge(kind, "waiting", outbox.table(), outbox.waitingState()),
                new JobGauge(kind, "running", outbox.table(), outbox.runningState()));
    }

    /** The key of this gauge among the counts read at once. */
    public String key() {
        return kind + "." + state;
    }
}
