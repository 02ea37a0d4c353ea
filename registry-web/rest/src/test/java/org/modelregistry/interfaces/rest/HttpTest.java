package org.modelregistry.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.api.problem.PreconditionFailedException;

class HttpTest {

    @Test
    void anIfMatchNamesTheRevisionOfOneOfOurETagsStrongOrWeak() {
        assertThat(Http.ifMatch("\"7\"")).isEqualTo(7L);
        assertThat(Http.ifMatch(" W/\"42\" ")).isEqualTo(42L);
        assertThat(Http.ifMatch("\"999999999999999999\"")).isEqualTo(999_999_999_999_999_999L);
    }

    @Test
    void noIfMatchOrAStarAsksForNoRevision() {
        assertThat(Http.ifMatch(null)).isNull();
        assertThat(Http.ifMatch("  ")).isNull();
        assertThat(Http.ifMatch(" * ")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "\"x\"", "\"7\", \"8\"", "\"-1\"", "\"1234567890123456789\"", "w/\"7\"", "\"\""})
    void anIfMatchThatCannotBeOneOfOurETagsNeverMatches(String header) {
        assertThatThrownBy(() -> Http.ifMatch(header))
                .isInstanceOfSatisfying(
                        PreconditionFailedException.class,
                        e -> assertThat(e.status()).isEqualTo(412))
                .hasMessage("If-Match does not name a current ETag of this resource");
    }

    @Test
    void aPathIdIsAUuidOrNamesNothing() {
        UUID id = UUID.randomUUID();
        assertThat(Http.id(id.toString(), "model")).isEqualTo(id);
        assertThatThrownBy(() -> Http.id("not-a-uuid", "model"))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("not-a-uuid");
    }

    @Test
    void anEnumParameterIgnoresCaseAndSpacesAndNamesTheValuesWhenUnknown() {
        assertThat(Http.enumParam("riskTier", " high ", RiskTier.class)).isEqualTo(RiskTier.HIGH);
        assertThat(Http.enumParam("riskTier", null, RiskTier.class)).isNull();
        assertThat(Http.enumParam("riskTier", " ", RiskTier.class)).isNull();
        assertThatThrownBy(() -> Http.enumParam("riskTier", "huge", RiskTier.class))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .containsExactly(
                                        new FieldError("riskTier", "must be one of [LOW, MEDIUM, HIGH, CRITICAL]")));
    }

    @Test
    void aLimitIsAnInteger() {
        assertThat(Http.limit(" 20 ")).isEqualTo(20);
        assertThat(Http.limit(null)).isNull();
        assertThatThrownBy(() -> Http.limit("ten"))
                .isInstanceOfSatisfying(
                        BadRequestException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("limit must be an integer");
    }

    @Test
    void aTimeIsRfc3339() {
        assertThat(Http.time("at", "2026-03-03T12:00:00Z")).isEqualTo(OffsetDateTime.parse("2026-03-03T12:00:00Z"));
        assertThat(Http.time("at", "")).isNull();
        assertThatThrownBy(() -> Http.time("at", "yesterday"))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("at must be an RFC 3339 time");
    }

    @Test
    void aBodyMustBeAJsonObject() {
        JsonObject body = Json.createObjectBuilder().add("a", 1).build();
        assertThat(Http.requireBody(body)).isSameAs(body);
        for (var notAnObject :
                new JsonStructure[] {null, Json.createArrayBuilder().build()}) {
            assertThatThrownBy(() -> Http.requireBody(notAnObject))
                    .isInstanceOfSatisfying(BadRequestException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("body");
                    })
                    .hasMessage("a JSON object body is required");
        }
    }
}
