package org.modelregistry.domain.shared;

import org.modelregistry.api.problem.PreconditionFailedException;

/** Optimistic concurrency as HTTP sees it: a stale {@code If-Match} revision is a 412. */
public final class Revisions {

    private Revisions() {}

    public static void check(Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw new PreconditionFailedException(actual);
        }
    }
}
