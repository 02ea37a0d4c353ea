package org.modelregistry.api.problem;

import java.util.List;
import java.util.Map;

/** 429: the caller must slow down; REST adds {@code Retry-After} with {@link #retryAfterSeconds()}. */
public class TooManyRequestsException extends RegistryException {

    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    public TooManyRequestsException(String detail, long retryAfterSeconds) {
        super(
                429,
                "too-many-requests",
                "Too many requests",
                detail,
                List.of(),
                Map.of("retryAfterSeconds", retryAfterSeconds));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
