package org.modelregistry.domain.shared;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * RFC 7386 JSON Merge Patch over the editable fields of an object. Members set to null are removed, objects are
 * merged recursively, anything else replaces. Read-only members in a patch are refused by name (422) rather than
 * silently ignored.
 */
public final class MergePatch {

    private MergePatch() {}

    /**
     * @param current  the editable fields as they are now
     * @param patch    the merge patch document
     * @param readOnly fields that exist but cannot be patched
     * @return the patched object
     */
    public static JsonObject apply(JsonObject current, JsonObject patch, Set<String> readOnly) {
        FieldErrors errors = new FieldErrors();
        if (patch == null) {
            errors.add("body", "a JSON Merge Patch object is required");
        } else {
            for (String key : patch.keySet()) {
                errors.check(!readOnly.contains(key), key, "is read-only");
            }
        }
        errors.throwIfAny();
        JsonValue result = Json.createMergePatch(patch).apply(current);
        return result.asJsonObject();
    }
}
