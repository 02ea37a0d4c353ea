package org.modelregistry.infrastructure.security;

import java.io.Serializable;

/**
 * A token bucket as an immutable value, so that servers can share it through a compare-and-set ({@link Throttle}):
 * {@code capacity} tokens refilled evenly over {@code periodMillis}; the state is the tokens left at a time (wall-clock
 * milliseconds, which the servers of a cluster share through NTP).
 */
public record TokenBucket(double tokens, long atMillis) implements Serializable {

    /** The bucket as text, {@code <tokens>:<atMillis>}, read back exactly by {@link #of}. */
    public String text() {
        return tokens + ":" + atMillis;
    }

    /** The bucket written by {@link #text}. */
    public static TokenBucket of(String text) {
        int colon = text.indexOf(':');
        return new TokenBucket(Double.parseDouble(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
    }

    /** A full bucket. */
    public static TokenBucket full(long capacity, long now) {
        return new TokenBucket(capacity, now);
    }

    /** The bucket at {@code now}, refilled for the time since its state (never above capacity, never back in time). */
    public TokenBucket at(long now, long capacity, long periodMillis) {
        long elapsed = Math.max(0, now - atMillis);
        double refilled = Math.min(capacity, tokens + (double) elapsed * capacity / periodMillis);
        return new TokenBucket(refilled, Math.max(now, atMillis));
    }

    /** This bucket with one token taken, if it has one. */
    public TokenBucket take() {
        return new TokenBucket(tokens - 1, atMillis);
    }

    /** This bucket with a token given back. */
    public TokenBucket giveBack(long capacity) {
        return new TokenBucket(Math.min(capacity, tokens + 1), atMillis);
    }

    public boolean hasToken() {
        return tokens >= 1;
    }

    /** Milliseconds until the next token, from this state. */
    public long millisToNextToken(long capacity, long periodMillis) {
        double missing = 1 - tokens;
        return missing <= 0 ? 0 : (long) Math.ceil(missing * periodMillis / capacity);
    }
}
