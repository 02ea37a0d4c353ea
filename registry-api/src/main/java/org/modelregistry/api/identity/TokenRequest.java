package org.modelregistry.api.identity;

import jakarta.json.JsonObject;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/** Body of {@code POST /api/v1/auth/token}: a user name and password (an API key arrives with service accounts). */
public record TokenRequest(String username, String password) {

    public static final Set<String> FIELDS = Set.of("username", "password");

    /** Reads the body; the password is never echoed in errors. */
    public static TokenRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        TokenRequest request = new TokenRequest(json.string("username"), json.string("password"));
        if (request.username() == null || request.username().isBlank()) {
            json.error("username", "is required");
        }
        if (request.password() == null || request.password().isEmpty()) {
            json.error("password", "is required");
        }
        json.done();
        return request;
    }

    @Override
    public String toString() {
        return "TokenRequest[username=" + username + ", password=***]";
    }
}
