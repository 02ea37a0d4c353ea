package org.modelregistry.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.modelregistry.domain.evaluation.Evaluations.json;
import static org.modelregistry.domain.evaluation.Evaluations.suiteRequest;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.evaluation.CreateSuiteRequest;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.domain.policy.PolicyExpressionException;

/** What a suite may hold, without a container. */
class EvaluationSuiteTest {

    private static InvalidInputException refused(CreateSuiteRequest request) {
        try {
            EvaluationSuite.define(request, "alice");
        } catch (InvalidInputException e) {
            return e;
        }
        throw new AssertionError("accepted " + request);
    }

    @Test
    void aSuiteKeepsItsChecksAsGivenAndItsScope() {
        String checks = "[{\"name\":\"integrity\",\"kind\":\"INTEGRITY\"},"
                + "{\"name\":\"quality\",\"kind\":\"METRIC_THRESHOLD\",\"expression\":\"metrics.accuracy >= 0.9\"},"
                + "{\"name\":\"card\",\"kind\":\"MODEL_CARD\",\"sections\":[\"intended use\"]},"
                + "{\"name\":\"licences\",\"kind\":\"LICENSE\",\"allow\":[\"MIT\"],\"note\":\"kept\"}]";
        EvaluationSuite suite = EvaluationSuite.define(
                new CreateSuiteRequest(
                        "gate", "release gate", List.of("HIGH"), List.of("payments", "risk"), json(checks)),
                "alice");
        assertThat(suite.getChecks()).isEqualTo(json(checks));
        assertThat(suite.getRiskTiers()).containsExactly("HIGH");
        assertThat(suite.getGroups()).containsExactly("payments", "risk");
        assertThat(suite.getVersion()).isEqualTo(1);
        assertThat(suite.getCreatedBy()).isEqualTo("alice");
        assertThat(suite.getUpdatedAt()).isEqualTo(suite.getCreatedAt());
        assertThat(suite.getId().version()).isEqualTo(7);

        EvaluationSuite unscoped = Evaluations.suite();
        assertThat(unscoped.getRiskTiers()).isEmpty();
        assertThat(unscoped.getGroups()).isEmpty();
    }

    @Test
    void namesEveryInvalidCheckWithItsIndex() {
        InvalidInputException e = refused(new CreateSuiteRequest(
                "Not A Label",
                null,
                null,
                null,
                json("[{\"name\":\"a\",\"kind\":\"INTEGRITY\"},{\"name\":\"a\",\"kind\":\"VIBES\"},7,"
                        + "{\"name\":\"q\",\"kind\":\"METRIC_THRESHOLD\"},{\"name\":\"l\",\"kind\":\"LICENSE\","
                        + "\"allow\":[1]},{\"name\":\"c\",\"kind\":\"MODEL_CARD\",\"sections\":\"all\"},"
                        + "{\"kind\":\"integrity\"}]")));
        assertThat(e.errors())
                .extracting(FieldError::field, FieldError::message)
                .containsExactly(
                        tuple(
                                "name",
                                "must be a DNS label: 1-63 lower-case letters, digits or '-', starting and ending with a"
                                        + " letter or digit"),
                        tuple("checks[1].name", "is used by another check of the suite"),
                        tuple("checks[1].kind", "one of [INTEGRITY, METRIC_THRESHOLD, MODEL_CARD, LICENSE]"),
                        tuple("checks[2]", "must be an object {name, kind, ...}"),
                        tuple("checks[3].expression", "is required: CEL over metrics, e.g. metrics.accuracy >= 0.9"),
                        tuple("checks[4].allow", "is required: the SPDX ids allowed"),
                        tuple("checks[5].sections", "must be an array of section names"),
                        tuple("checks[6].name", "is required"),
                        tuple("checks[6].kind", "one of [INTEGRITY, METRIC_THRESHOLD, MODEL_CARD, LICENSE]"));
    }

    @Test
    void aSuiteHasOneToFiftyChecks() {
        for (String checks : List.of("[]", "{}", "\"integrity\"", "null")) {
            assertThat(refused(suiteRequest(checks)).errors())
                    .extracting(FieldError::field, FieldError::message)
                    .containsExactly(tuple("checks", "must be an array of 1 to 50 checks"));
        }
        assertThat(refused(new CreateSuiteRequest("gate", null, null, null, null))
                        .errors())
                .extracting(FieldError::field)
                .containsExactly("checks");
        StringBuilder fiftyOne = new StringBuilder("[");
        for (int i = 0; i <= EvaluationSuite.MAX_CHECKS; i++) {
            fiftyOne.append(i == 0 ? "" : ",").append("{\"name\":\"c").append(i).append("\",\"kind\":\"INTEGRITY\"}");
        }
        assertThat(refused(suiteRequest(fiftyOne.append("]").toString())).errors())
                .extracting(FieldError::field)
                .containsExactly("checks");
    }

    @Test
    void aThresholdThatDoesNotCompileIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> EvaluationSuite.define(
                        suiteRequest(
                                "[{\"name\":\"q\",\"kind\":\"METRIC_THRESHOLD\",\"expression\":\"metrics.a >=\"}]"),
                        "alice"))
                .isInstanceOf(PolicyExpressionException.class);
    }

    @Test
    void kindsAreNamedExactly() {
        assertThat(CheckKind.named("LICENSE")).contains(CheckKind.LICENSE);
        assertThat(CheckKind.named("license")).isEmpty();
        assertThat(CheckKind.named(null)).isEmpty();
    }
}
