package org.modelregistry.api.evaluation;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/**
 * Body of {@code POST /api/v1/evaluation-suites}. {@code checks} is kept as sent: each kind has its own settings
 * ({@code expression}, {@code sections}, {@code allow}) and the domain validates them, naming the offending check as
 * {@code checks[i].field} in the same 422 as the name and description, and stores the checks as given.
 */
public record CreateSuiteRequest(
        String name, String description, List<String> riskTiers, List<String> groups, JsonValue checks) {

    public static final Set<String> FIELDS = Set.of("name", "description", "riskTiers", "groups", "checks");

    /** Reads a request body, naming every unknown field and every field of the wrong type (422). */
    public static CreateSuiteRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        CreateSuiteRequest request = new CreateSuiteRequest(
                json.string("name"),
                json.string("description"),
                json.strings("riskTiers"),
                json.strings("groups"),
                json.object().get("checks"));
        json.done();
        return request;
    }
}
