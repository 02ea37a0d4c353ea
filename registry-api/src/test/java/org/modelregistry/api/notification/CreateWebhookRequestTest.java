package org.modelregistry.api.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.InvalidInputException;

class CreateWebhookRequestTest {

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    @Test
    void readsAWellTypedBody() {
        CreateWebhookRequest r = CreateWebhookRequest.fromJson(json("{\"organization\":\"acme\",\"name\":\"chatops\","
                + "\"url\":\"https://hooks.example.com/r\",\"secret\":\"a-long-random-secret\","
                + "\"events\":[\"version.created\",\"deployment.changed\"],\"groups\":[\"fraud\"],\"enabled\":false}"));
        assertThat(r.organization()).isEqualTo("acme");
        assertThat(r.name()).isEqualTo("chatops");
        assertThat(r.url()).isEqualTo("https://hooks.example.com/r");
        assertThat(r.secret()).isEqualTo("a-long-random-secret");
        assertThat(r.events()).containsExactly("version.created", "deployment.changed");
        assertThat(r.groups()).containsExactly("fraud");
        assertThat(r.startsEnabled()).isFalse();
    }

    @Test
    void leftOutFieldsAreNullAndASubscriptionStartsEnabled() {
        CreateWebhookRequest r = CreateWebhookRequest.fromJson(json("{\"name\":\"n\",\"groups\":null}"));
        assertThat(r.organization()).isNull();
        assertThat(r.events()).isNull();
        assertThat(r.groups()).isNull();
        assertThat(r.enabled()).isNull();
        assertThat(r.startsEnabled()).isTrue();
    }

    @Test
    void namesEveryMistypedOrUnknownFieldAtOnce() {
        assertThatThrownBy(() -> CreateWebhookRequest.fromJson(json("{\"name\":1,\"url\":[],\"secret\":true,"
                        + "\"events\":\"*\",\"groups\":[\"a\",2],\"enabled\":\"yes\",\"secrets\":\"x\"}")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field, FieldError::message)
                                .containsExactly(
                                        tuple(
                                                "secrets",
                                                "unknown field; expected one of [enabled, events, groups, name,"
                                                        + " organization, secret, url]"),
                                        tuple("name", "must be a string"),
                                        tuple("url", "must be a string"),
                                        tuple("secret", "must be a string"),
                                        tuple("events", "must be an array of strings"),
                                        tuple("groups[1]", "must be a string"),
                                        tuple("enabled", "must be true or false")));
    }
}
