package org.modelregistry.domain.jobs;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A table that is the outbox of one kind of job (docs/adr/0001): its rows in {@code waitingState} are published to the
 * broker once committed, a worker's claim moves them to {@code runningState} under a lease. The context that owns the
 * table says what its states are called; the names go into SQL as literals (the partial indexes of the outbox match
 * on them), so only plain lower-case table names and upper-case state names are accepted.
 *
 * @param keepsDispatched whether a running job whose work left the registry ({@code dispatched_at} set: a target
 *     accepted the call) stays running when its lease ends, rather than going out again
 */
public record JobTable(String table, String waitingState, String runningState, boolean keepsDispatched) {

    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern STATE = Pattern.compile("[A-Z][A-Z0-9_]{0,62}");

    public JobTable {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(waitingState, "waitingState");
        Objects.requireNonNull(runningState, "runningState");
        if (!plainTable(table)) {
            throw new IllegalArgumentException("not a plain table name: " + table);
        }
        if (!plainState(waitingState) || !plainState(runningState)) {
            throw new IllegalArgumentException("not plain state names: " + waitingState + ", " + runningState);
        }
        if (waitingState.equals(runningState)) {
            throw new IllegalArgumentException("a job cannot wait and run in the same state " + waitingState);
        }
    }

    static boolean plainTable(String name) {
        return name != null && TABLE.matcher(name).matches();
    }

    static boolean plainState(String name) {
        return name != null && STATE.matcher(name).matches();
    }
}
