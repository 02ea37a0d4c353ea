package org.modelregistry.api.identity;

import jakarta.json.JsonObject;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/** Body of {@code POST /api/v1/auth/token}: a user name and password, or a service account's API key. */
public record TokenRequest(String username, String password, String apiKey) {

    public static final Set<String> FIELDS = Set.of("username", "password", "apiKey");

    /** Reads the body; the password is never echoed in errors. */
    public static TokenRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        TokenRequest request =
                new TokenRequest(json.string("username"), json.string("password"), json.string("apiKey"));
        if (request.apiKey() != null) {
            if (request.username() != null || request.password() != null) {
                json.error("apiKey", "give either an apiKey or a username and password, not both");
            }
        } else {
            if (request.username() == null || request.username().isBlank()) {
                json.error("username", "is required (or an apiKey)");
            }
            if (request.password() == null || request.password().isEmpty()) {
                json.error("password", "is required");
            }
        }
        json.done();
        return request;
    }

    @Override
    public String toString() {
        return "TokenRequest[username=" + username + ", password=***, apiKey=***]";
    }
}
