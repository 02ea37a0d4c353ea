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
    private Throttle<TokenBucket> buckets;

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
        long wait = buckets.update(principal + "|" + limitPerMinute, bucket -> {
            TokenBucket current =
                    (bucket == null ? TokenBucket.full(limitPerMinute, now) : bucket).at(now, limitPerMinute, MINUTE);
            if (!current.hasToken()) {
                return new Update<>(bucket, Math.max(1, current.millisToNextToken(limitPerMinute, MINUTE)));
            }
            return new Update<>(current.take(), 0L);
        });
        if (wait > 0) {
            throw new TooManyRequestsException(
                    "Rate limit of " + limitPerMinute + " requests a minute reached", Math.max(1, (wait + 999) / 1000));
        }
    }
}
