package org.modelregistry.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.RegistryException;

/** Builds RFC 9457 {@code application/problem+json} responses. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {}

    public static Response of(RegistryException e, String instance, String requestId) {
        return of(e.status(), e.type(), e.title(), e.detail(), e.errors(), e.extensions(), instance, requestId);
    }

    public static Response of(
            int status,
            String type,
            String title,
            String detail,
            List<FieldError> errors,
            Map<String, Object> extensions,
            String instance,
            String requestId) {
        // Written as a String: every JAX-RS runtime can write it under any media type.
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(json(status, type, title, detail, errors, extensions, instance, requestId))
                .build();
    }

    /** The problem document as JSON text, for answers written outside JAX-RS (the container's error pages). */
    public static String json(
            int status,
            String type,
            String title,
            String detail,
            List<FieldError> errors,
            Map<String, Object> extensions,
            String instance,
            String requestId) {
        JsonObjectBuilder body =
                Json.createObjectBuilder().add("type", type).add("title", title).add("status", status);
        if (detail != null) {
            body.add("detail", detail);
        }
        if (instance != null) {
            body.add("instance", instance);
        }
        if (requestId != null) {
            body.add("requestId", requestId);
        }
        if (errors != null && !errors.isEmpty()) {
            JsonArrayBuilder list = Json.createArrayBuilder();
            for (FieldError fe : errors) {
                list.add(Json.createObjectBuilder().add("field", fe.field()).add("message", fe.message()));
            }
            body.add("errors", list);
        }
        if (extensions != null) {
            extensions.forEach((k, v) -> {
                if (v instanceof JsonValue json) {
                    body.add(k, json);
                } else if (v instanceof Number n) {
                    body.add(k, new BigDecimal(n.toString()));
                } else if (v instanceof Collection<?> c) {
                    JsonArrayBuilder array = Json.createArrayBuilder();
                    c.forEach(item -> array.add(String.valueOf(item)));
                    body.add(k, array);
                } else if (v != null) {
                    body.add(k, v.toString());
                }
            });
        }
        return body.build().toString();
    }
}
