package org.modelregistry.api.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.api.common.RequestBodies.json;
import static org.modelregistry.api.common.RequestBodies.refusal;

import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.FieldError;

class DecisionRequestTest {

    @Test
    void readsTheDecisionInAnyCaseAndTheComment() {
        assertThat(DecisionRequest.fromJson(
                        json("{\"decision\":\"request_changes\",\"comment\":\"add a model card\"}")))
                .isEqualTo(new DecisionRequest(Decision.REQUEST_CHANGES, "add a model card"));
    }

    @Test
    void leavesAMissingOrNullDecisionToTheLifecycleServiceToRequire() {
        assertThat(DecisionRequest.fromJson(json("{}"))).isEqualTo(new DecisionRequest(null, null));
        assertThat(DecisionRequest.fromJson(json("{\"decision\":null,\"comment\":null}")))
                .isEqualTo(new DecisionRequest(null, null));
    }

    @Test
    void refusesAnUnknownDecision() {
        assertThat(refusal(DecisionRequest::fromJson, "{\"decision\":\"MAYBE\"}"))
                .containsExactly(new FieldError("decision", "must be one of [APPROVE, REQUEST_CHANGES, REJECT]"));
        assertThat(refusal(DecisionRequest::fromJson, "{\"decision\":1}"))
                .containsExactly(new FieldError("decision", "must be a string"));
    }

    @Test
    void namesUnknownFieldsFirstThenEachMistypedFieldInReadingOrder() {
        assertThat(refusal(DecisionRequest::fromJson, "{\"comment\":[],\"verdict\":\"APPROVE\",\"decision\":true}"))
                .containsExactly(
                        new FieldError("verdict", "unknown field; expected one of [comment, decision]"),
                        new FieldError("decision", "must be a string"),
                        new FieldError("comment", "must be a string"));
    }
}
