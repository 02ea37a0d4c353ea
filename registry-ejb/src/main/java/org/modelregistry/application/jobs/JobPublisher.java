package org.modelregistry.application.jobs;

import java.util.List;
import org.modelregistry.api.jobs.JobMessage;
import org.modelregistry.domain.jobs.JobOutbox;

/**
 * Sends job messages to the broker (the JMS implementation lives in {@code infrastructure.messaging.jms}), so that the
 * relay decides what goes out and when, and not how.
 */
public interface JobPublisher {

    /**
     * Sends one persistent message per job to the outbox's queue, in order, outside any transaction; the broker drops
     * a resend of the same job and attempt that it still remembers.
     *
     * @throws JobPublishException when the broker could not take them all: it says how many it took
     */
    void publish(JobOutbox outbox, List<JobMessage> jobs);
}
