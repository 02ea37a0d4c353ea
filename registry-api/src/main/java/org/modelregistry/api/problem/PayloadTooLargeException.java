package org.modelregistry.api.problem;

import java.util.List;
import java.util.Map;

/** 413: the body is larger than the configured maximum. */
public class PayloadTooLargeException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String field, long maxBytes) {
        super(
                413,
                "payload-too-large",
                "Payload too large",
                "The body exceeds the limit of " + maxBytes + " bytes",
                List.of(new FieldError(field, "larger than " + maxBytes + " bytes")),
                Map.of("maxBytes", maxBytes));
    }
}
