package org.modelregistry.api.evaluation;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** Evaluation suites (registry administrators and reviewers) and runs (the version's owners, CI). */
public interface EvaluationService {

    EvaluationSuiteDto createSuite(JsonObject body);

    List<EvaluationSuiteDto> suites();

    EvaluationSuiteDto suite(UUID id);

    /** Queues a run of a suite against a version; it is done after the request, on a message-driven bean. */
    EvaluationRunDto startRun(UUID modelId, String version, JsonObject body);

    EvaluationRunDto run(UUID modelId, String version, UUID runId);

    List<EvaluationRunDto> runs(UUID modelId, String version);
}
