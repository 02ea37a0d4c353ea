package org.modelregistry.infrastructure.persistence;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Work that runs one at a time and is never skipped: a request that arrives while a run is in progress makes that run
 * go once more when it ends (however many arrived), so that what was committed after the run started is not left for
 * the next safety poll.
 */
public final class CoalescedRun {

    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int AGAIN = 2;

    private final AtomicInteger state = new AtomicInteger(IDLE);

    /**
     * Claims the run: true when the caller is to run the work (then through {@link #runClaimed}), false when a run in
     * progress will go once more instead.
     */
    public boolean claim() {
        return state.getAndUpdate(s -> s == IDLE ? RUNNING : AGAIN) == IDLE;
    }

    /** Gives a claim back unrun (the work could not be started). */
    public void release() {
        state.set(IDLE);
    }

    /** Runs the claimed work, again for as long as requests came in meanwhile. */
    public void runClaimed(Runnable work) {
        try {
            while (true) {
                work.run();
                if (state.compareAndSet(RUNNING, IDLE)) {
                    return;
                }
                state.set(RUNNING);
            }
        } catch (RuntimeException e) {
            state.set(IDLE);
            throw e;
        }
    }

    /** Runs the work here unless a run is in progress, which then goes once more. */
    public void run(Runnable work) {
        if (claim()) {
            runClaimed(work);
        }
    }
}
