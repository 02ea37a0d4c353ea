package org.modelregistry.api.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.api.common.RequestBodies.json;
import static org.modelregistry.api.common.RequestBodies.refusal;

import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.FieldError;

class MoveAliasRequestTest {

    @Test
    void readsTheVersionAsWritten() {
        assertThat(MoveAliasRequest.fromJson(json("{\"version\":\"1.4.0-rc.1\"}")))
                .isEqualTo(new MoveAliasRequest("1.4.0-rc.1"));
    }

    @Test
    void leavesAMissingVersionToTheAliasServiceToRequire() {
        assertThat(MoveAliasRequest.fromJson(json("{}")).version()).isNull();
    }

    @Test
    void refusesAVersionThatIsNotAString() {
        assertThat(refusal(MoveAliasRequest::fromJson, "{\"version\":1.4}"))
                .containsExactly(new FieldError("version", "must be a string"));
    }

    @Test
    void refusesUnknownFieldsBeforeTheMistypedVersion() {
        assertThat(refusal(MoveAliasRequest::fromJson, "{\"version\":[\"1.0.0\"],\"alias\":\"champion\"}"))
                .containsExactly(
                        new FieldError("alias", "unknown field; expected one of [version]"),
                        new FieldError("version", "must be a string"));
    }
}
