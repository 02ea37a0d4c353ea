package org.modelregistry.domain.evaluation;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;

/**
 * The result of one check: PASSED, FAILED (the version does not meet it) or ERROR (it could not be judged), the
 * values it measured and a message a reviewer can act on.
 */
public record CheckOutcome(Status status, Map<String, Object> measured, String message) {

    public enum Status {
        PASSED,
        FAILED,
        ERROR
    }

    public CheckOutcome {
        measured = Map.copyOf(measured);
    }

    /** What the check measured as a JSON object of strings, the form {@code evaluation_check_result.measured} holds. */
    public String measuredJson() {
        JsonObjectBuilder json = Json.createObjectBuilder();
        measured.forEach((k, v) -> json.add(k, Json.createValue(String.valueOf(v))));
        return json.build().toString();
    }

    static CheckOutcome passed(Map<String, Object> measured, String message) {
        return new CheckOutcome(Status.PASSED, measured, message);
    }

    static CheckOutcome failed(Map<String, Object> measured, String message) {
        return new CheckOutcome(Status.FAILED, measured, message);
    }

    static CheckOutcome error(String message) {
        return new CheckOutcome(Status.ERROR, Map.of(), message);
    }
}
