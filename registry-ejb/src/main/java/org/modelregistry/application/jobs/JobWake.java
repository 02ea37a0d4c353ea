package org.modelregistry.application.jobs;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wakes the job relay as soon as a transaction that queued a job commits, so that a job does not wait for the next
 * 100 ms poll; wake-ups coalesce (one pending at a time), and the poll stays as the safety net.
 */
@ApplicationScoped
public class JobWake {

    /** When the pending wake-up was asked for (0: none); one older than a second no longer holds the next back. */
    private final AtomicLong pendingSince = new AtomicLong();

    @Resource
    TransactionSynchronizationRegistry transactions;

    @EJB
    JobRelay relay;

    /** Called in the transaction that queued a job. */
    public void afterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing: only a commit wakes the relay
            }

            @Override
            public void afterCompletion(int status) {
                long now = System.nanoTime();
                long since = pendingSince.get();
                if (status == Status.STATUS_COMMITTED
                        && (since == 0 || now - since > 1_000_000_000L)
                        && pendingSince.compareAndSet(since, now)) {
                    try {
                        relay.wake();
                    } catch (RuntimeException e) {
                        pendingSince.set(0); // the poll publishes the job
                    }
                }
            }
        });
    }

    /** The relay took the wake-up: the next commit may wake it again. */
    void taken() {
        pendingSince.set(0);
    }
}
