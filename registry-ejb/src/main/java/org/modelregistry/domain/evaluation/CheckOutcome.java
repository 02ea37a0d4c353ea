package org.modelregistry.domain.evaluation;

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
