package org.modelregistry.api.problem;

import java.util.List;
import java.util.Map;

/**
 * 503: a part of the server is not ready yet (the embedding model of semantic search still loading); REST adds
 * {@code Retry-After} with {@link #retryAfterSeconds()}.
 */
public class ServiceUnavailableException extends RegistryException {

    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    public ServiceUnavailableException(String detail, long retryAfterSeconds) {
        super(
                503,
                "service-unavailable",
                "Not available yet",
                detail,
                List.of(),
                Map.of("retryAfterSeconds", retryAfterSeconds));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
