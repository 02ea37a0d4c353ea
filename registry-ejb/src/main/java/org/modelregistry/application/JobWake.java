package org.modelregistry.application;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wakes the job relay as soon as a transaction that queued a job commits, so that a job does not wait for the next
 * 100 ms poll; wake-ups coalesce (one pending at a time), and the poll stays as the safety net.
 */
@ApplicationScoped
public class JobWake {

    private final AtomicBoolean pending = new AtomicBoolean();

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
                if (status == Status.STATUS_COMMITTED && pending.compareAndSet(false, true)) {
                    try {
                        relay.wake();
                    } catch (RuntimeException e) {
                        pending.set(false); // the poll publishes the job
                    }
                }
            }
        });
    }

    /** The relay took the wake-up: the next commit may wake it again. */
    void taken() {
        pending.set(false);
    }
}
