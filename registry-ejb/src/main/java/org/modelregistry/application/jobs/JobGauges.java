package org.modelregistry.application.jobs;

import java.util.List;
import org.modelregistry.domain.jobs.JobGauge;

/** The gauges a context adds to {@code registry_jobs{kind, state}} ({@link JobMetrics}) for its jobs. */
public interface JobGauges {

    List<JobGauge> gauges();
}
