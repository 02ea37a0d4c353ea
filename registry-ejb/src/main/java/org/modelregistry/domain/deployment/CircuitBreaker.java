package org.modelregistry.domain.deployment;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A circuit breaker for one target (MicroProfile Fault Tolerance's {@code @CircuitBreaker} is one per method, so
 * every target would share it; a failing CI system must not stop deployments to the others). Closed: calls go
 * through and the last {@code window} outcomes are kept; when at least {@code minimumCalls} of them are known and
 * the failure ratio reaches {@code failureRatio} it opens. Open: calls are refused until {@code delay} passes, then
 * one trial call is let through (half-open); its success closes the breaker, its failure opens it again.
 */
public final class CircuitBreaker {

    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int window;
    private final int minimumCalls;
    private final double failureRatio;
    private final long delayNanos;
    private final Deque<Boolean> outcomes = new ArrayDeque<>();
    private State state = State.CLOSED;
    private long openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int window, int minimumCalls, double failureRatio, Duration delay) {
        if (window < 1 || minimumCalls < 1 || minimumCalls > window || failureRatio <= 0 || failureRatio > 1) {
            throw new IllegalArgumentException("window >= minimumCalls >= 1 and 0 < failureRatio <= 1");
        }
        this.window = window;
        this.minimumCalls = minimumCalls;
        this.failureRatio = failureRatio;
        this.delayNanos = delay.toNanos();
    }

    /** Whether a call may go now (the half-open trial counts as the one call allowed). */
    public synchronized boolean tryAcquire(long nowNanos) {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (nowNanos - openedAt < delayNanos) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return true;
            default:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
        }
    }

    public synchronized void onSuccess() {
        if (state == State.HALF_OPEN) {
            state = State.CLOSED;
            trialInFlight = false;
            outcomes.clear();
            return;
        }
        remember(true);
    }

    public synchronized void onFailure(long nowNanos) {
        if (state == State.HALF_OPEN) {
            open(nowNanos);
            return;
        }
        remember(false);
        long failures = outcomes.stream().filter(ok -> !ok).count();
        if (state == State.CLOSED
                && outcomes.size() >= minimumCalls
                && failures >= Math.ceil(failureRatio * outcomes.size())) {
            open(nowNanos);
        }
    }

    public synchronized State state() {
        return state;
    }

    private void open(long nowNanos) {
        state = State.OPEN;
        openedAt = nowNanos;
        trialInFlight = false;
        outcomes.clear();
    }

    private void remember(boolean ok) {
        outcomes.addLast(ok);
        while (outcomes.size() > window) {
            outcomes.removeFirst();
        }
    }
}
