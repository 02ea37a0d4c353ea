package org.modelregistry.api.common;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.InvalidInputException;

/**
 * Reads a JSON request body field by field, collecting every type error with the field's name instead of failing
 * on the first one, and refusing fields it does not know (a misspelt {@code riskTeir} must not be silently
 * ignored). {@link #done()} throws one 422 that lists them all.
 */
public final class RequestJson {

    /** PostgreSQL stores no U+0000 in text or jsonb: refused here, named, instead of failing in the database. */
    static final String NUL = "must not contain NUL characters";

    private final JsonObject object;
    private final List<FieldError> errors = new ArrayList<>();

    private RequestJson(JsonObject object) {
        this.object = object;
    }

    /**
     * @param fields the fields this body may hold; any other is reported as unknown
     */
    public static RequestJson of(JsonObject object, Set<String> fields) {
        RequestJson json = new RequestJson(object == null ? JsonValue.EMPTY_JSON_OBJECT : object);
        for (String key : json.object.keySet()) {
            if (!fields.contains(key)) {
                json.errors.add(new FieldError(key, "unknown field; expected one of " + sorted(fields)));
            }
        }
        return json;
    }

    private static String sorted(Set<String> fields) {
        return fields.stream().sorted().toList().toString();
    }

    public JsonObject object() {
        return object;
    }

    public void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    private JsonValue value(String field) {
        JsonValue v = object.get(field);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v;
    }

    public String string(String field) {
        JsonValue v = value(field);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonString s) {
            if (s.getString().indexOf('\u0000') >= 0) {
                error(field, NUL);
                return null;
            }
            return s.getString();
        }
        error(field, "must be a string");
        return null;
    }

    public Long longValue(String field) {
        JsonValue v = value(field);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException e) {
                error(field, "is out of range");
                return null;
            }
        }
        error(field, "must be an integer");
        return null;
    }

    public Boolean bool(String field) {
        JsonValue v = value(field);
        if (v == null) {
            return null;
        }
        if (v.getValueType() == JsonValue.ValueType.TRUE || v.getValueType() == JsonValue.ValueType.FALSE) {
            return v.getValueType() == JsonValue.ValueType.TRUE;
        }
        error(field, "must be true or false");
        return null;
    }

    public <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        String s = string(field);
        if (s == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            error(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    public List<String> strings(String field) {
        JsonValue v = value(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonArray array)) {
            error(field, "must be an array of strings");
            return null;
        }
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) instanceof JsonString s && s.getString().indexOf('\u0000') >= 0) {
                error(field + "[" + i + "]", NUL);
            } else if (array.get(i) instanceof JsonString s) {
                out.add(s.getString());
            } else {
                error(field + "[" + i + "]", "must be a string");
            }
        }
        return out;
    }

    public JsonObject jsonObject(String field) {
        JsonValue v = value(field);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonObject o) {
            if (holdsNul(o)) {
                error(field, NUL);
                return null;
            }
            return o;
        }
        error(field, "must be a JSON object");
        return null;
    }

    /** Whether a key or a string anywhere inside the value holds U+0000. */
    static boolean holdsNul(JsonValue value) {
        if (value instanceof JsonString s) {
            return s.getString().indexOf('\u0000') >= 0;
        }
        if (value instanceof JsonObject o) {
            for (var e : o.entrySet()) {
                if (e.getKey().indexOf('\u0000') >= 0 || holdsNul(e.getValue())) {
                    return true;
                }
            }
        }
        if (value instanceof JsonArray a) {
            for (JsonValue item : a) {
                if (holdsNul(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Throws the collected errors as one 422, if there are any. */
    public void done() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(List.copyOf(errors));
        }
    }
}
