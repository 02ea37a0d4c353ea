package org.modelregistry.client;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.stream.Collectors;
import org.modelregistry.api.problem.FieldError;

/**
 * An RFC 9457 problem document the registry answered with, as an exception: its status, type, title, detail, the
 * fields it names and the request id to quote to an operator. The subclasses let callers catch what they can act
 * on (a missing object, a refusal, a conflict, bad input) without comparing status codes.
 */
public class ProblemException extends RegistryClientException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String title;
    private final String detail;
    private final List<FieldError> errors;
    private final String requestId;

    ProblemException(int status, String type, String title, String detail, List<FieldError> errors, String requestId) {
        super(message(status, title, detail, errors));
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.errors = List.copyOf(errors);
        this.requestId = requestId;
    }

    /** The exception for a status and its body (a problem document, or anything else a proxy may have sent). */
    static ProblemException of(int status, JsonObject problem, String requestIdHeader) {
        String type = text(problem, "type", "about:blank");
        String title = text(problem, "title", "HTTP " + status);
        String detail = text(problem, "detail", null);
        String requestId = text(problem, "requestId", requestIdHeader);
        List<FieldError> errors = problem != null && problem.get("errors") instanceof JsonArray
                ? problem.getJsonArray("errors").stream()
                        .filter(e -> e.getValueType() == JsonValue.ValueType.OBJECT)
                        .map(JsonValue::asJsonObject)
                        .map(e -> new FieldError(text(e, "field", "?"), text(e, "message", "")))
                        .toList()
                : List.of();
        return switch (status) {
            case 400, 413, 422 -> new InvalidInput(status, type, title, detail, errors, requestId);
            case 401 -> new Unauthorized(status, type, title, detail, errors, requestId);
            case 403 -> new Forbidden(status, type, title, detail, errors, requestId);
            case 404, 410 -> new NotFound(status, type, title, detail, errors, requestId);
            case 409, 412, 507 -> new Conflict(status, type, title, detail, errors, requestId);
            default -> new ProblemException(status, type, title, detail, errors, requestId);
        };
    }

    private static String text(JsonObject o, String key, String otherwise) {
        JsonValue v = o == null ? null : o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return otherwise;
        }
        return v.getValueType() == JsonValue.ValueType.STRING ? o.getString(key) : v.toString();
    }

    private static String message(int status, String title, String detail, List<FieldError> errors) {
        StringBuilder s = new StringBuilder(title == null ? "HTTP " + status : title);
        if (detail != null && !detail.isBlank() && !detail.equals(title)) {
            s.append(": ").append(detail);
        }
        if (!errors.isEmpty()) {
            s.append(errors.stream()
                    .map(e -> e.field() + " " + e.message())
                    .collect(Collectors.joining("; ", " (", ")")));
        }
        return s.toString();
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** The offending fields (422), empty when the problem names none. */
    public List<FieldError> errors() {
        return errors;
    }

    /** The server's request id, to find the request in its logs; may be null. */
    public String requestId() {
        return requestId;
    }

    /** 400, 413, 422: the request's content was refused; {@link #errors()} names the fields. */
    public static final class InvalidInput extends ProblemException {
        private static final long serialVersionUID = 1L;

        InvalidInput(int s, String t, String ti, String d, List<FieldError> e, String r) {
            super(s, t, ti, d, e, r);
        }
    }

    /** 401: no valid credentials (missing, wrong or expired token). */
    public static final class Unauthorized extends ProblemException {
        private static final long serialVersionUID = 1L;

        Unauthorized(int s, String t, String ti, String d, List<FieldError> e, String r) {
            super(s, t, ti, d, e, r);
        }
    }

    /** 403: the caller may not do this (role, organization, four eyes...). */
    public static final class Forbidden extends ProblemException {
        private static final long serialVersionUID = 1L;

        Forbidden(int s, String t, String ti, String d, List<FieldError> e, String r) {
            super(s, t, ti, d, e, r);
        }
    }

    /** 404 and 410: no such object, or none the caller may see. */
    public static final class NotFound extends ProblemException {
        private static final long serialVersionUID = 1L;

        NotFound(int s, String t, String ti, String d, List<FieldError> e, String r) {
            super(s, t, ti, d, e, r);
        }
    }

    /** 409, 412, 507: the object's state forbids it now (a transition not allowed, a name taken, a quota). */
    public static final class Conflict extends ProblemException {
        private static final long serialVersionUID = 1L;

        Conflict(int s, String t, String ti, String d, List<FieldError> e, String r) {
            super(s, t, ti, d, e, r);
        }
    }
}
