package org.modelregistry.api.common;

import java.util.function.Supplier;

/**
 * Makes a create safe to retry: the first request with an {@code Idempotency-Key} runs and its response is
 * stored in the same transaction; a retry with the same key and the same request gets that response back instead
 * of a duplicate, and a retry with the same key but a different request is refused (422).
 */
public interface IdempotencyService {

    /** A response as the first request produced it. */
    record StoredResponse(int status, String location, String body, long revision, boolean replayed) {

        public StoredResponse asReplay() {
            return new StoredResponse(status, location, body, revision, true);
        }
    }

    /**
     * Runs {@code action} once per (principal, key).
     *
     * @param fingerprint digest of the request (method, path, body) that the key was first used with
     */
    StoredResponse execute(String principal, String key, String fingerprint, Supplier<StoredResponse> action);
}
