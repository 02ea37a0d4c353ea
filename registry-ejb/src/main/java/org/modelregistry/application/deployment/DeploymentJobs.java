package org.modelregistry.application.deployment;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;
import java.util.UUID;
import org.modelregistry.application.jobs.JobGauges;
import org.modelregistry.application.jobs.JobSource;
import org.modelregistry.domain.deployment.DeploymentRepository;
import org.modelregistry.domain.deployment.DeploymentState;
import org.modelregistry.domain.jobs.JobGauge;
import org.modelregistry.domain.jobs.JobOutbox;
import org.modelregistry.domain.jobs.JobTable;

/**
 * Deployments as jobs: REQUESTED deployments go to {@code jms/deployments} as messages of type {@value #TYPE}, which
 * {@code DeploymentConsumer} hands to {@link DeploymentExecutor}; a deployment is IN_PROGRESS under a worker's lease
 * until its target accepts the call ({@code dispatched_at}), after which it waits for the target's report and is no
 * longer taken back. Its housekeeping fails dispatched deployments whose target has not reported for
 * {@code registry.deployments.report-timeout-minutes}.
 */
@ApplicationScoped
public class DeploymentJobs implements JobSource, JobGauges {

    /** The type of a deployment's job message. */
    public static final String TYPE = "deployment";

    private static final JobOutbox OUTBOX = new JobOutbox(
            "DEPLOYMENTS",
            TYPE,
            "jms/deployments",
            new JobTable("deployment", DeploymentState.REQUESTED.name(), DeploymentState.IN_PROGRESS.name(), true));

    @Inject
    DeploymentRepository deployments;

    @Inject
    DeploymentSettings settings;

    @EJB
    DeploymentExecutor executor;

    @Inject
    DeploymentJobs self;

    @Override
    public JobOutbox outbox() {
        return OUTBOX;
    }

    @Override
    public List<JobGauge> gauges() {
        return JobGauge.waitingAndRunning(TYPE, OUTBOX.table());
    }

    /** Fails the dispatched deployments whose target has not reported for too long, each in its own transaction. */
    @Override
    public void sweep() {
        int minutes = settings.reportTimeoutMinutes();
        for (UUID id : self.unreported(minutes)) {
            executor.fail(id, "the target did not report within " + minutes + " minutes", "deployment-worker");
        }
    }

    /** Dispatched deployments whose target has not reported for {@code minutes}. */
    @Transactional(TxType.REQUIRES_NEW)
    public List<UUID> unreported(int minutes) {
        return deployments.unreported(minutes);
    }
}
