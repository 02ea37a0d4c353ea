package org.modelregistry.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.api.common.RequestBodies.json;
import static org.modelregistry.api.common.RequestBodies.refusal;

import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.FieldError;

class CreateOrganizationRequestTest {

    @Test
    void readsSlugAndDisplayName() {
        assertThat(CreateOrganizationRequest.fromJson(
                        json("{\"slug\":\"payments\",\"displayName\":\"Payments team\"}")))
                .isEqualTo(new CreateOrganizationRequest("payments", "Payments team"));
    }

    @Test
    void leavesTheSlugRulesToTheOrganization() {
        // a missing or malformed slug reads; the organization refuses it with its own message
        assertThat(CreateOrganizationRequest.fromJson(json("{\"slug\":\"Not Valid\"}")))
                .isEqualTo(new CreateOrganizationRequest("Not Valid", null));
        assertThat(CreateOrganizationRequest.fromJson(json("{}"))).isEqualTo(new CreateOrganizationRequest(null, null));
    }

    @Test
    void namesUnknownFieldsFirstThenEachMistypedFieldInReadingOrder() {
        assertThat(refusal(
                        CreateOrganizationRequest::fromJson,
                        "{\"displayName\":false,\"name\":\"payments\",\"slug\":[\"payments\"]}"))
                .containsExactly(
                        new FieldError("name", "unknown field; expected one of [displayName, slug]"),
                        new FieldError("slug", "must be a string"),
                        new FieldError("displayName", "must be a string"));
    }
}
