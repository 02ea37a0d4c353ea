package org.modelregistry.api.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.api.common.RequestBodies.json;
import static org.modelregistry.api.common.RequestBodies.refusal;

import org.junit.jupiter.api.Test;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.problem.FieldError;

class TransitionRequestTest {

    @Test
    void readsTheTargetStateInAnyCaseAndTheComment() {
        assertThat(TransitionRequest.fromJson(json("{\"to\":\"in_review\",\"comment\":\"ready for review\"}")))
                .isEqualTo(new TransitionRequest(VersionState.IN_REVIEW, "ready for review"));
    }

    @Test
    void leavesAMissingStateToTheLifecycleServiceToRequire() {
        assertThat(TransitionRequest.fromJson(json("{\"comment\":\"c\"}"))).isEqualTo(new TransitionRequest(null, "c"));
    }

    @Test
    void refusesAnUnknownState() {
        assertThat(refusal(TransitionRequest::fromJson, "{\"to\":\"SIDEWAYS\"}"))
                .containsExactly(new FieldError(
                        "to",
                        "must be one of [DRAFT, IN_REVIEW, CHANGES_REQUESTED, APPROVED, REJECTED, DEPLOYED,"
                                + " DEPRECATED, RETIRED]"));
    }

    @Test
    void namesUnknownFieldsFirstThenEachMistypedFieldInReadingOrder() {
        assertThat(refusal(TransitionRequest::fromJson, "{\"comment\":5,\"state\":\"DRAFT\",\"to\":{}}"))
                .containsExactly(
                        new FieldError("state", "unknown field; expected one of [comment, to]"),
                        new FieldError("to", "must be a string"),
                        new FieldError("comment", "must be a string"));
    }
}
