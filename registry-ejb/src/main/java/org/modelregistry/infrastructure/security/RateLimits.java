package org.modelregistry.infrastructure.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.modelregistry.api.problem.TooManyRequestsException;
import org.modelregistry.infrastructure.cache.SharedThrottle;
import org.modelregistry.infrastructure.security.Throttle.Update;

/**
 * Per-principal request budgets: a token bucket of {@code limit} requests a minute per principal, shared by every
 * server of the cluster ({@link SharedThrottle}), so that a client spreading its calls over servers gets no more
 * than its limit in all. The API's {@code RateLimitFilter} says which limit applies to whom.
 */
@ApplicationScoped
public class RateLimits {

    private static final long MINUTE = TimeUnit.MINUTES.toMillis(1);

    @Inject
    SharedThrottle shared;

    LongSupplier clock = System::currentTimeMillis;
    /**
     * Buckets kept as their text ({@link TokenBucket#text}): every request reads and writes one, and the cluster's map
     * reads a String without Java deserialisation (a serialised record costs a class look-up through the server's
     * class loaders on every read). A bucket written by a server of an earlier release (a record) is read too, so a
     * cluster can be upgraded one server at a time.
     */
    private Throttle<Object> buckets;

    @PostConstruct
    void init() {
        buckets = new Throttle<>(shared == null ? Throttle.local(100_000) : shared.store("requests"));
    }

    /**
     * Charges one request of {@code principal}.
     *
     * @throws TooManyRequestsException with the seconds until the next request is allowed
     */
    public void charge(String principal, long limitPerMinute) {
        long now = clock.getAsLong();
        long wait = buckets.update(principal + "|" + limitPerMinute, text -> {
            TokenBucket kept = text instanceof TokenBucket record
                    ? record
                    : text == null ? TokenBucket.full(limitPerMinute, now) : TokenBucket.of((String) text);
            TokenBucket current = kept.at(now, limitPerMinute, MINUTE);
            if (!current.hasToken()) {
                return new Update<>(text, Math.max(1, current.millisToNextToken(limitPerMinute, MINUTE)));
            }
            return new Update<>(current.take().text(), 0L);
        });
        if (wait > 0) {
            throw new TooManyRequestsException(
                    "Rate limit of " + limitPerMinute + " requests a minute reached", Math.max(1, (wait + 999) / 1000));
        }
    }
}
