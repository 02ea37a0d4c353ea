package org.modelregistry.domain.evaluation;

import java.util.Collection;
import org.modelregistry.domain.evaluation.CheckOutcome.Status;

/**
 * Where an evaluation run is: QUEUED when asked for, RUNNING while a worker holds its lease, then PASSED, FAILED or
 * ERROR for good. {@link EvaluationRun} makes the moves; the names are the values of {@code evaluation_run.state}.
 */
public enum EvaluationRunState {
    QUEUED,
    RUNNING,
    PASSED,
    FAILED,
    ERROR;

    public boolean isFinished() {
        return this == PASSED || this == FAILED || this == ERROR;
    }

    /** ERROR when a check could not be judged, else FAILED when one failed, else PASSED. */
    public static EvaluationRunState of(Collection<Status> results) {
        return results.contains(Status.ERROR) ? ERROR : results.contains(Status.FAILED) ? FAILED : PASSED;
    }
}
