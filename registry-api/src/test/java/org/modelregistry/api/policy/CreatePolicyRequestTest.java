package org.modelregistry.api.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.InvalidInputException;

class CreatePolicyRequestTest {

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    @Test
    void readsEveryFieldOfAPolicy() {
        CreatePolicyRequest r = CreatePolicyRequest.fromJson(json("{\"name\":\"min-accuracy\","
                + "\"organization\":\"default\",\"description\":\"d\",\"riskTiers\":[\"HIGH\",\"CRITICAL\"],"
                + "\"groups\":[\"fraud\"],\"transitions\":[\"APPROVED\"],\"severity\":\"advisory\","
                + "\"expression\":\"true\",\"message\":\"m\",\"enabled\":false}"));
        assertThat(r)
                .isEqualTo(new CreatePolicyRequest(
                        "min-accuracy",
                        "default",
                        "d",
                        List.of("HIGH", "CRITICAL"),
                        List.of("fraud"),
                        List.of("APPROVED"),
                        PolicySeverity.ADVISORY,
                        "true",
                        "m",
                        false));
    }

    @Test
    void leavesOutFieldsAsNullSoTheServiceAppliesItsDefaults() {
        CreatePolicyRequest r =
                CreatePolicyRequest.fromJson(json("{\"name\":\"p\",\"transitions\":[],\"expression\":\"true\"}"));
        assertThat(r.organization()).isNull();
        assertThat(r.riskTiers()).isNull();
        assertThat(r.severity()).isNull();
        assertThat(r.enabled()).isNull();
        assertThat(r.transitions()).isEmpty();
    }

    @Test
    void keepsUnknownTiersAndStatesForTheServiceToNameWithTheExpectedValues() {
        CreatePolicyRequest r =
                CreatePolicyRequest.fromJson(json("{\"riskTiers\":[\"HUGE\"],\"transitions\":[\"REJECTED\"]}"));
        assertThat(r.riskTiers()).containsExactly("HUGE");
        assertThat(r.transitions()).containsExactly("REJECTED");
    }

    @Test
    void namesEveryMistypedOrUnknownFieldInOneProblem() {
        assertThatThrownBy(() -> CreatePolicyRequest.fromJson(json("{\"name\":1,\"riskTiers\":\"HIGH\","
                        + "\"groups\":[\"a\",2],\"severity\":\"LOUD\",\"enabled\":\"yes\",\"expresion\":\"true\"}")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                // unknown fields first, then the fields in the order they are read
                                .containsExactly("expresion", "name", "riskTiers", "groups[1]", "severity", "enabled"));
    }

    @Test
    void aMergedDefinitionWithoutNameOrOrganizationReadsAsAWholeOne() {
        CreatePolicyRequest r = CreatePolicyRequest.fromJson(
                json("{\"riskTiers\":[],\"groups\":[],\"transitions\":[\"DEPLOYED\"],\"severity\":\"BLOCKING\","
                        + "\"expression\":\"true\",\"message\":\"m\",\"enabled\":true}"));
        assertThat(r.name()).isNull();
        assertThat(r.severity()).isEqualTo(PolicySeverity.BLOCKING);
        assertThat(r.enabled()).isTrue();
    }
}
