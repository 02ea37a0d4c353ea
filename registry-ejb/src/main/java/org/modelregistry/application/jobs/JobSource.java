package org.modelregistry.application.jobs;

import org.modelregistry.domain.jobs.JobOutbox;

/**
 * A kind of job the {@link JobRelay} carries to the broker, declared by the context that owns it (an
 * {@code @ApplicationScoped} bean the relay finds at start). The context's consumer reads the messages of its type
 * and does the work; jobs knows neither.
 */
public interface JobSource {

    /** Where its jobs wait, what their messages are called and where they go. */
    JobOutbox outbox();

    /**
     * When the relay publishes this source's jobs in a round, lowest first: a job of a later source waits for the
     * earlier sources' publishing (a statement and a commit each).
     */
    default int publishOrder() {
        return 100;
    }

    /**
     * Housekeeping of the context's own, run by the relay about once a second outside any transaction, after it has
     * reaped lost messages and expired leases: e.g. failing deployments whose target never reported.
     */
    default void sweep() {
        // most kinds have none
    }
}
