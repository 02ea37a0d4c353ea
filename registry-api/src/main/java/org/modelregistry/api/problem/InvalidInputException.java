package org.modelregistry.api.problem;

import java.util.List;
import java.util.Map;

/** 422: well-formed input that breaks a rule (bad semver, unknown SPDX id, digest mismatch...). */
public class InvalidInputException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(List<FieldError> errors) {
        super(422, "invalid-input", "Invalid input", summary(errors), errors, Map.of());
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidInputException(String type, String title, String field, String message) {
        super(422, type, title, field + ": " + message, List.of(new FieldError(field, message)), Map.of());
    }

    private static String summary(List<FieldError> errors) {
        if (errors.size() == 1) {
            return errors.get(0).field() + ": " + errors.get(0).message();
        }
        return errors.size() + " fields are invalid";
    }
}
