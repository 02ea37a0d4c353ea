package org.modelregistry.api.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.api.common.RequestBodies.json;
import static org.modelregistry.api.common.RequestBodies.refusal;

import org.junit.jupiter.api.Test;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.problem.FieldError;

class PolicyCheckRequestTest {

    @Test
    void readsTheTargetStateAndEnvironment() {
        assertThat(PolicyCheckRequest.fromJson(json("{\"to\":\"deployed\",\"environment\":\"production\"}")))
                .isEqualTo(new PolicyCheckRequest(VersionState.DEPLOYED, "production"));
    }

    @Test
    void leavesStatesThatCannotBeGatedAndMissingOnesToThePolicyService() {
        // REJECTED is a state, so it reads; the service answers that no policy can gate it
        assertThat(PolicyCheckRequest.fromJson(json("{\"to\":\"REJECTED\"}")))
                .isEqualTo(new PolicyCheckRequest(VersionState.REJECTED, null));
        assertThat(PolicyCheckRequest.fromJson(json("{}"))).isEqualTo(new PolicyCheckRequest(null, null));
    }

    @Test
    void refusesAnUnknownStateAndAnEnvironmentThatIsNotAString() {
        assertThat(refusal(PolicyCheckRequest::fromJson, "{\"to\":\"LIVE\",\"environment\":7}"))
                .containsExactly(
                        new FieldError(
                                "to",
                                "must be one of [DRAFT, IN_REVIEW, CHANGES_REQUESTED, APPROVED, REJECTED, DEPLOYED,"
                                        + " DEPRECATED, RETIRED]"),
                        new FieldError("environment", "must be a string"));
    }

    @Test
    void namesEveryUnknownFieldInTheOrderOfTheBody() {
        assertThat(refusal(PolicyCheckRequest::fromJson, "{\"to\":\"APPROVED\",\"env\":\"prod\",\"target\":\"x\"}"))
                .containsExactly(
                        new FieldError("env", "unknown field; expected one of [environment, to]"),
                        new FieldError("target", "unknown field; expected one of [environment, to]"));
    }
}
