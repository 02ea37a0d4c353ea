package org.modelregistry.application.evaluation;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.modelregistry.application.jobs.JobGauges;
import org.modelregistry.application.jobs.JobSource;
import org.modelregistry.domain.evaluation.EvaluationRunState;
import org.modelregistry.domain.jobs.JobGauge;
import org.modelregistry.domain.jobs.JobOutbox;
import org.modelregistry.domain.jobs.JobTable;

/**
 * Evaluation runs as jobs: QUEUED runs in {@code evaluation_run} go to {@code jms/evaluations} as messages of type
 * {@value #TYPE}, which {@code EvaluationConsumer} hands to {@link EvaluationExecutor}; a run is RUNNING under a
 * worker's lease.
 */
@ApplicationScoped
public class EvaluationJobs implements JobSource, JobGauges {

    /** The type of an evaluation run's job message. */
    public static final String TYPE = "evaluation";

    private static final JobOutbox OUTBOX = new JobOutbox(
            "EVALUATIONS",
            TYPE,
            "jms/evaluations",
            new JobTable("evaluation_run", EvaluationRunState.QUEUED.name(), EvaluationRunState.RUNNING.name(), false));

    @Override
    public JobOutbox outbox() {
        return OUTBOX;
    }

    /** Evaluations first: they are the many (a pipeline asks for one per version), deployments a few per hour. */
    @Override
    public int publishOrder() {
        return 10;
    }

    @Override
    public List<JobGauge> gauges() {
        return JobGauge.waitingAndRunning(TYPE, OUTBOX.table());
    }
}
