package org.modelregistry.domain.notification;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * How often a webhook delivery or a mail is tried (registry.notifications.max-attempts) and how long it waits between
 * attempts ({@link DomainEvents#backoff}, from registry.notifications.retry-base-ms).
 */
public record RetryPolicy(int maxAttempts, Duration base) {

    /** How long a claimed delivery or mail is held for the server that claimed it before another may take it. */
    public static final Duration CLAIM = Duration.ofMinutes(2);

    /** The label of an attempt's result in the jobs metrics: the state it led to, or RETRY while still pending. */
    public static String outcome(boolean pending, Enum<?> state) {
        return pending ? "RETRY" : state.name();
    }

    /** When attempt {@code attempt + 1} is due after attempt {@code attempt} failed; empty: give up. */
    public Optional<OffsetDateTime> nextAttempt(int attempt, OffsetDateTime now) {
        return attempt >= maxAttempts ? Optional.empty() : Optional.of(now.plus(DomainEvents.backoff(base, attempt)));
    }
}
