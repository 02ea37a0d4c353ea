package org.modelregistry.api.problem;

/**
 * A twin request with the same {@code Idempotency-Key} committed first. The server retries once by itself, which
 * replays the twin's response; a client only sees this (409) if that retry also collides.
 */
public class IdempotencyRetryException extends ConflictException {

    private static final long serialVersionUID = 1L;

    public IdempotencyRetryException() {
        super("A request with the same Idempotency-Key was in flight; retry to get its response", "Idempotency-Key");
    }
}
