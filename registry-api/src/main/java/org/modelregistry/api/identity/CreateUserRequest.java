package org.modelregistry.api.identity;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/** Body of {@code POST /api/v1/users} (and the shape a PATCH of a user is applied to). */
public record CreateUserRequest(
        String username,
        String displayName,
        String email,
        String password,
        Boolean active,
        Boolean registryAdmin,
        List<MembershipDto> memberships) {

    public static final Set<String> FIELDS =
            Set.of("username", "displayName", "email", "password", "active", "registryAdmin", "memberships");

    /** Reads a body, naming every field of the wrong type (422); the password is never echoed. */
    public static CreateUserRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        List<MembershipDto> memberships = null;
        JsonValue raw = json.object().get("memberships");
        if (raw instanceof JsonArray array) {
            memberships = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                String field = "memberships[" + i + "]";
                if (!(array.get(i) instanceof JsonObject m)) {
                    json.error(field, "must be an object {organization, role}");
                    continue;
                }
                String org = m.get("organization") instanceof JsonString s ? s.getString() : null;
                String role = m.get("role") instanceof JsonString s ? s.getString() : null;
                Role parsed = null;
                try {
                    parsed = role == null ? null : Role.valueOf(role.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    json.error(field + ".role", "must be one of " + List.of(Role.values()));
                }
                if (org == null) {
                    json.error(field + ".organization", "is required");
                }
                if (role == null) {
                    json.error(field + ".role", "is required");
                }
                memberships.add(new MembershipDto(org, parsed));
            }
        } else if (raw != null && raw.getValueType() != JsonValue.ValueType.NULL) {
            json.error("memberships", "must be an array");
        }
        Boolean active = bool(json, "active");
        Boolean admin = bool(json, "registryAdmin");
        CreateUserRequest request = new CreateUserRequest(
                json.string("username"),
                json.string("displayName"),
                json.string("email"),
                json.string("password"),
                active,
                admin,
                memberships);
        json.done();
        return request;
    }

    private static Boolean bool(RequestJson json, String field) {
        JsonValue v = json.object().get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v == JsonValue.TRUE
                || v == JsonValue.FALSE
                || v.getValueType() == JsonValue.ValueType.TRUE
                || v.getValueType() == JsonValue.ValueType.FALSE) {
            return v.getValueType() == JsonValue.ValueType.TRUE;
        }
        json.error(field, "must be true or false");
        return null;
    }

    @Override
    public String toString() {
        return "CreateUserRequest[username=" + username + ", password=***]";
    }
}
