package org.modelregistry.domain.audit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a change did, for the audit record: every top-level field whose value differs between the object before and
 * after, as {@code {"field": {"before": ..., "after": ...}}} (a missing side is JSON null).
 */
public final class AuditDiff {

    private AuditDiff() {}

    public static JsonObject changes(JsonObject before, JsonObject after) {
        Set<String> fields = new TreeSet<>(before.keySet());
        fields.addAll(after.keySet());
        JsonObjectBuilder changes = Json.createObjectBuilder();
        for (String field : fields) {
            JsonValue was = before.getOrDefault(field, JsonValue.NULL);
            JsonValue is = after.getOrDefault(field, JsonValue.NULL);
            if (!Objects.equals(was, is)) {
                changes.add(field, Json.createObjectBuilder().add("before", was).add("after", is));
            }
        }
        return changes.build();
    }
}
