package org.modelregistry.api.problem;

import java.util.List;
import java.util.Map;

/** 400: the request cannot be read at all (malformed JSON, a malformed header or query parameter). */
public class BadRequestException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String field, String detail) {
        super(
                400,
                "bad-request",
                "Bad request",
                detail,
                field == null ? List.of() : List.of(new FieldError(field, detail)),
                Map.of());
    }
}
