package org.modelregistry.domain.evaluation;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.evaluation.CreateSuiteRequest;
import org.modelregistry.api.evaluation.StartEvaluationRequest;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.Owners;

/** Suites, models and runs for the evaluation domain's tests. */
final class Evaluations {

    private Evaluations() {}

    static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    static CreateSuiteRequest suiteRequest(String checks) {
        return new CreateSuiteRequest("gate", null, null, null, json(checks));
    }

    static EvaluationSuite suite() {
        return EvaluationSuite.define(suiteRequest("[{\"name\":\"integrity\",\"kind\":\"INTEGRITY\"}]"), "alice");
    }

    static Model model(RiskTier tier, String group) {
        return Model.register(
                UUID.randomUUID(),
                new CreateModelRequest(null, group, "fraud", null, null, tier, List.of()),
                "alice",
                Owners.EVERYONE);
    }

    static StartEvaluationRequest runRequest(String metrics) {
        return new StartEvaluationRequest("gate", metrics == null ? null : (JsonObject) json(metrics), null);
    }

    /** A QUEUED run of {@link #suite()} against a LOW risk payments model. */
    static EvaluationRun queued() {
        return EvaluationRun.request(
                suite(), model(RiskTier.LOW, "payments"), UUID.randomUUID(), runRequest("{\"accuracy\":0.93}"), "bob");
    }
}
