package org.modelregistry.client;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long to wait before sending a request again. Exponential back-off with jitter from
 * {@code initialDelay}, at most {@code maxDelay}; a {@code Retry-After} the server sends (seconds or an HTTP date)
 * replaces the computed delay, capped at {@code maxDelay} so that a confused server cannot park a script for hours.
 *
 * <p>What is retried is {@link RegistryClient}'s rule: 429 and 503 for any request (the server refused it before
 * doing anything), and for requests that are safe to repeat (GET, PUT, DELETE, and a POST carrying an
 * {@code Idempotency-Key}) also a dropped connection, 502 and 504.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** 4 attempts, 200 ms doubling, at most 30 s between two. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(30));
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /**
     * @param attempt    the attempt that just failed, from 1
     * @param retryAfter the server's Retry-After header, or null
     */
    public Duration delay(int attempt, String retryAfter) {
        Duration asked = parseRetryAfter(retryAfter);
        if (asked != null) {
            return asked.compareTo(maxDelay) > 0 ? maxDelay : asked;
        }
        long base = initialDelay.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, maxDelay.toMillis());
        // full jitter on the upper half: clients that failed together do not come back together
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /** RFC 9110 section 10.2.3: delay-seconds or an HTTP-date; null when absent or unreadable. */
    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Duration until =
                    Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
