package org.modelregistry.api.problem;

import java.util.List;
import java.util.Map;

/** 409: the request clashes with the current state (a duplicate name, a model that still has versions...). */
public class ConflictException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String detail, List<FieldError> errors) {
        super(409, "conflict", "Conflict", detail, errors, Map.of());
    }

    public ConflictException(String detail, String field) {
        this(detail, List.of(new FieldError(field, detail)));
    }
}
