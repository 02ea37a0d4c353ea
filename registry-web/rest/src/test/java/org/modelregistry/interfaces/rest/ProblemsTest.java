package org.modelregistry.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.RegistryException;
import org.modelregistry.api.problem.TransitionNotAllowedException;

class ProblemsTest {

    /** The document {@link Problems#of(RegistryException, String, String)} answers for an exception. */
    private static String problemOf(RegistryException e, String instance, String requestId) {
        return Problems.json(
                e.status(), e.type(), e.title(), e.detail(), e.errors(), e.extensions(), instance, requestId);
    }

    @Test
    void aRegistryExceptionBecomesAnRfc9457DocumentWithItsFieldsInAFixedOrder() {
        String json = problemOf(
                new ConflictException("Version 1.0.0 is DRAFT, not IN_REVIEW", "state"),
                "/api/v1/models/m/versions/1.0.0/approvals",
                "req-1");
        assertThat(json)
                .isEqualTo("{\"type\":\"" + RegistryException.TYPE_BASE + "conflict\",\"title\":\"Conflict\","
                        + "\"status\":409,\"detail\":\"Version 1.0.0 is DRAFT, not IN_REVIEW\","
                        + "\"instance\":\"/api/v1/models/m/versions/1.0.0/approvals\",\"requestId\":\"req-1\","
                        + "\"errors\":[{\"field\":\"state\",\"message\":\"Version 1.0.0 is DRAFT, not IN_REVIEW\"}]}");
    }

    @Test
    void extensionsFollowTheStandardMembers() {
        String json = problemOf(
                new TransitionNotAllowedException("DRAFT", "APPROVED", List.of("IN_REVIEW"), "not from DRAFT"),
                null,
                null);
        var doc = Json.createReader(new StringReader(json)).readObject();
        assertThat(doc.keySet()).startsWith("type", "title", "status", "detail", "errors");
        assertThat(doc.getString("state")).isEqualTo("DRAFT");
        assertThat(doc.getJsonArray("allowedTransitions").getString(0)).isEqualTo("IN_REVIEW");
        assertThat(doc.containsKey("instance")).isFalse();
        assertThat(doc.containsKey("requestId")).isFalse();
    }

    @Test
    void extensionValuesKeepTheirJsonTypes() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("count", 3);
        extensions.put("ratio", 0.5);
        extensions.put("names", List.of("a", 1));
        extensions.put("nested", Json.createObjectBuilder().add("k", true).build());
        extensions.put("text", new StringBuilder("t"));
        extensions.put("missing", null);
        String json = Problems.json(422, "about:blank", "Unprocessable", null, List.of(), extensions, null, null);
        assertThat(json)
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unprocessable\",\"status\":422,\"count\":3,"
                        + "\"ratio\":0.5,\"names\":[\"a\",\"1\"],\"nested\":{\"k\":true},\"text\":\"t\"}");
    }

    @Test
    void everyFieldErrorIsListed() {
        String json = Problems.json(
                422,
                "about:blank",
                "Invalid input",
                "2 fields",
                List.of(new FieldError("name", "is required"), new FieldError("tags[1]", "must be a string")),
                null,
                null,
                null);
        assertThat(json)
                .endsWith("\"errors\":[{\"field\":\"name\",\"message\":\"is required\"},"
                        + "{\"field\":\"tags[1]\",\"message\":\"must be a string\"}]}");
    }
}
