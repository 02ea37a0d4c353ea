package org.modelregistry.api.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.InvalidInputException;

class CreateSuiteRequestTest {

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    @Test
    void readsEveryFieldAndKeepsTheChecksAsSent() {
        CreateSuiteRequest r = CreateSuiteRequest.fromJson(json("{\"name\":\"gate\",\"description\":\"d\","
                + "\"riskTiers\":[\"HIGH\"],\"groups\":[\"payments\",\"risk\"],"
                + "\"checks\":[{\"name\":\"i\",\"kind\":\"INTEGRITY\",\"extra\":1}]}"));
        assertThat(r.name()).isEqualTo("gate");
        assertThat(r.description()).isEqualTo("d");
        assertThat(r.riskTiers()).containsExactly("HIGH");
        assertThat(r.groups()).containsExactly("payments", "risk");
        assertThat(r.checks()).isInstanceOf(JsonArray.class);
        assertThat(r.checks().toString()).isEqualTo("[{\"name\":\"i\",\"kind\":\"INTEGRITY\",\"extra\":1}]");
    }

    @Test
    void leftOutFieldsAreNullAndAMistypedCheckListIsTheDomainsToJudge() {
        CreateSuiteRequest r = CreateSuiteRequest.fromJson(json("{\"checks\":\"all of them\"}"));
        assertThat(r.name()).isNull();
        assertThat(r.riskTiers()).isNull();
        assertThat(r.groups()).isNull();
        assertThat(r.checks()).isEqualTo(Json.createValue("all of them"));
        assertThat(CreateSuiteRequest.fromJson(json("{\"checks\":null}")).checks())
                .isEqualTo(JsonValue.NULL);
        assertThat(CreateSuiteRequest.fromJson(JsonValue.EMPTY_JSON_OBJECT).checks())
                .isNull();
    }

    @Test
    void namesEveryMistypedOrUnknownFieldInOne422() {
        assertThatThrownBy(() -> CreateSuiteRequest.fromJson(
                        json("{\"name\":1,\"description\":[],\"riskTiers\":\"HIGH\",\"groups\":[\"a\",2],"
                                + "\"check\":[]}")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field, FieldError::message)
                                .containsExactly(
                                        tuple(
                                                "check",
                                                "unknown field; expected one of [checks, description, groups, name,"
                                                        + " riskTiers]"),
                                        tuple("name", "must be a string"),
                                        tuple("description", "must be a string"),
                                        tuple("riskTiers", "must be an array of strings"),
                                        tuple("groups[1]", "must be a string")));
    }
}
