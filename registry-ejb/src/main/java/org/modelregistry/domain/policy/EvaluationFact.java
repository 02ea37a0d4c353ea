package org.modelregistry.domain.policy;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/**
 * One evaluation run of a version as policies see it ({@code evaluations[]} of the input, docs/governance.md), read
 * by the named query {@code PolicyEvaluation.evaluationsOfVersion}.
 *
 * @param status QUEUED ... PASSED, as the run's state is stored
 * @param finishedAt RFC 3339 in UTC to the second, or null while the run has not finished
 */
public record EvaluationFact(String id, String suite, Long suiteVersion, String status, String finishedAt) {

    public JsonObjectBuilder toJson() {
        JsonObjectBuilder run = Json.createObjectBuilder()
                .add("id", id)
                .add("suite", suite)
                .add("suiteVersion", suiteVersion.longValue())
                .add("status", status);
        if (finishedAt != null && !finishedAt.isEmpty()) {
            run.add("finishedAt", finishedAt);
        }
        return run;
    }
}
