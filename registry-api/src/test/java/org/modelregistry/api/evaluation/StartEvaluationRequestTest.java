package org.modelregistry.api.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.InvalidInputException;

class StartEvaluationRequestTest {

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    @Test
    void readsTheSuiteTheMetricsAndTheDataset() {
        StartEvaluationRequest r = StartEvaluationRequest.fromJson(
                json("{\"suite\":\"gate\",\"metrics\":{\"accuracy\":0.93},\"dataset\":\"s3://eval/holdout\"}"));
        assertThat(r.suite()).isEqualTo("gate");
        assertThat(r.metrics().getJsonNumber("accuracy").doubleValue()).isEqualTo(0.93);
        assertThat(r.dataset()).isEqualTo("s3://eval/holdout");
    }

    @Test
    void leftOutOrNullFieldsAreNullAndMetricValuesAreTheDomainsToJudge() {
        StartEvaluationRequest r =
                StartEvaluationRequest.fromJson(json("{\"suite\":null,\"metrics\":{\"accuracy\":\"high\"}}"));
        assertThat(r.suite()).isNull();
        assertThat(r.dataset()).isNull();
        assertThat(r.metrics().getString("accuracy")).isEqualTo("high");
    }

    @Test
    void namesEveryMistypedOrUnknownFieldInOne422() {
        assertThatThrownBy(() -> StartEvaluationRequest.fromJson(
                        json("{\"suite\":7,\"metrics\":[0.9],\"dataset\":false,\"data\":\"x\"}")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field, FieldError::message)
                                .containsExactly(
                                        tuple("data", "unknown field; expected one of [dataset, metrics, suite]"),
                                        tuple("suite", "must be a string"),
                                        tuple("metrics", "must be a JSON object"),
                                        tuple("dataset", "must be a string")));
    }
}
