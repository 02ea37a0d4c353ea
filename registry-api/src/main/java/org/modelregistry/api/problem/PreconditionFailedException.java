package org.modelregistry.api.problem;

import java.util.List;
import java.util.Map;

/** 412: the caller's {@code If-Match} revision is stale; someone changed the object since it was read. */
public class PreconditionFailedException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public PreconditionFailedException(long currentRevision) {
        super(
                412,
                "precondition-failed",
                "Precondition failed",
                "The object was changed by someone else; read it again and retry with its new ETag",
                List.of(new FieldError("If-Match", "stale revision")),
                Map.of("currentRevision", currentRevision));
    }

    public PreconditionFailedException(String detail) {
        super(
                412,
                "precondition-failed",
                "Precondition failed",
                detail,
                List.of(new FieldError("If-Match", detail)),
                Map.of());
    }
}
