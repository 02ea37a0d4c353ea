package org.modelregistry.api.evaluation;

import jakarta.json.JsonObject;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/**
 * Body of {@code POST /api/v1/models/{id}/versions/{version}/evaluations}: the name of the suite to run, the metrics
 * reported for the version (names to numbers, which METRIC_THRESHOLD checks read) and the dataset they were measured
 * on. Whether the values are acceptable (a suite named, numbers, lengths) is the domain's rule.
 */
public record StartEvaluationRequest(String suite, JsonObject metrics, String dataset) {

    public static final Set<String> FIELDS = Set.of("suite", "metrics", "dataset");

    /** Reads a request body, naming every unknown field and every field of the wrong type (422). */
    public static StartEvaluationRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        StartEvaluationRequest request =
                new StartEvaluationRequest(json.string("suite"), json.jsonObject("metrics"), json.string("dataset"));
        json.done();
        return request;
    }
}
