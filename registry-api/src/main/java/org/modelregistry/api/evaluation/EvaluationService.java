package org.modelregistry.api.evaluation;

import java.util.List;
import java.util.UUID;
import org.modelregistry.api.common.RecentFailuresDto;
import org.modelregistry.api.common.RecentFailuresQuery;

/** Evaluation suites (registry administrators and reviewers) and runs (the version's owners, CI). */
public interface EvaluationService {

    EvaluationSuiteDto createSuite(CreateSuiteRequest request);

    List<EvaluationSuiteDto> suites();

    EvaluationSuiteDto suite(UUID id);

    /** Queues a run of a suite against a version; it is done after the request, on a message-driven bean. */
    EvaluationRunDto startRun(UUID modelId, String version, StartEvaluationRequest request);

    EvaluationRunDto run(UUID modelId, String version, UUID runId);

    List<EvaluationRunDto> runs(UUID modelId, String version);

    /** The latest FAILED or ERROR runs in the caller's organizations, and their number per day. */
    RecentFailuresDto recentFailures(RecentFailuresQuery query);
}
