package org.modelregistry.domain.shared;

import java.util.ArrayList;
import java.util.List;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.InvalidInputException;

/** Collects every rule a request breaks, so that one 422 names all offending fields at once. */
public final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean check(boolean ok, String field, String message) {
        if (!ok) {
            add(field, message);
        }
        return ok;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(list());
        }
    }
}
