package org.modelregistry.api.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.InvalidInputException;

class RequestJsonTest {

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    @Test
    void readsAWellTypedBody() {
        CreateModelRequest r = CreateModelRequest.fromJson(
                json("{\"group\":\"g\",\"name\":\"n\",\"riskTier\":\"high\",\"tags\":[\"a\"],\"owners\":null}"));
        assertThat(r.riskTier()).isEqualTo(RiskTier.HIGH);
        assertThat(r.tags()).containsExactly("a");
        assertThat(r.owners()).isNull();
    }

    @Test
    void namesEveryMistypedOrUnknownField() {
        assertThatThrownBy(() -> CreateModelRequest.fromJson(
                        json("{\"group\":1,\"name\":true,\"riskTier\":\"HUGE\",\"tags\":[\"a\",2],\"owner\":\"x\"}")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactlyInAnyOrder("group", "name", "riskTier", "tags[1]", "owner"));
    }

    @Test
    void refusesANulCharacterInAStringAListOrAnywhereInsideAnObjectNamingTheField() {
        RequestJson body = RequestJson.of(
                json("{\"name\":\"a\\u0000b\",\"tags\":[\"ok\",\"x\\u0000\"],"
                        + "\"settings\":{\"deep\":[{\"k\\u0000\":1}]},\"clean\":{\"a\":[\"b\"]}}"),
                Set.of("name", "tags", "settings", "clean"));
        assertThat(body.string("name")).isNull();
        assertThat(body.strings("tags")).containsExactly("ok");
        assertThat(body.jsonObject("settings")).isNull();
        assertThat(body.jsonObject("clean")).isNotNull();
        assertThatThrownBy(body::done)
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field, FieldError::message)
                                .containsExactly(
                                        tuple("name", "must not contain NUL characters"),
                                        tuple("tags[1]", "must not contain NUL characters"),
                                        tuple("settings", "must not contain NUL characters")));
    }
}
