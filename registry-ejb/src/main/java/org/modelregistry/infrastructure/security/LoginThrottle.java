package org.modelregistry.infrastructure.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.api.problem.TooManyRequestsException;
import org.modelregistry.infrastructure.security.Throttle.Update;

/**
 * Throttles password sign-ins before any password is hashed. Each attempt is charged up front, atomically, and given
 * back only when the credentials turn out right, so concurrent guesses cannot slip in between a check and a charge:
 * <ul>
 * <li>per user name and client address: {@code registry.auth.failures-per-user} failures are free, then each further
 * attempt waits {@code registry.auth.lockout-base-seconds}, doubling up to {@code registry.auth.lockout-max-minutes}
 * (a lock-out per address, so a stranger cannot lock a user out everywhere);</li>
 * <li>per client address: {@code registry.auth.failures-per-address} failures per
 * {@code registry.auth.failure-window-minutes}, against one address guessing many names.</li>
 * </ul>
 * A valid API key is never charged (a CI runner behind one NAT address must not use up its neighbours' budget);
 * an invalid one is charged to its address. Both maps are bounded ({@link Throttle}), keyed by hashes. Locked out:
 * 429 with Retry-After, without checking credentials.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String LOCKED = "Too many failed sign-ins; try again later";

    @Inject
    @ConfigProperty(name = "registry.auth.failures-per-user", defaultValue = "5")
    int freeFailures;

    @Inject
    @ConfigProperty(name = "registry.auth.lockout-base-seconds", defaultValue = "60")
    long baseDelaySeconds;

    @Inject
    @ConfigProperty(name = "registry.auth.lockout-max-minutes", defaultValue = "15")
    long maxDelayMinutes;

    @Inject
    @ConfigProperty(name = "registry.auth.failures-per-address", defaultValue = "50")
    int perAddress;

    @Inject
    @ConfigProperty(name = "registry.auth.failure-window-minutes", defaultValue = "60")
    int windowMinutes;

    @Inject
    @ConfigProperty(name = "registry.auth.throttle-max-entries", defaultValue = "50000")
    int maxEntries;

    LongSupplier clock = System::nanoTime;
    private Throttle<Lockout> lockouts;
    private Throttle<Bucket> addresses;

    @PostConstruct
    void init() {
        lockouts = new Throttle<>(maxEntries);
        addresses = new Throttle<>(maxEntries);
    }

    /** A sign-in attempt, charged as a failure until {@link #succeeded} says otherwise. */
    public static final class Attempt {
        private final String lockoutKey;
        private final Bucket address;

        private Attempt(String lockoutKey, Bucket address) {
            this.lockoutKey = lockoutKey;
            this.address = address;
        }
    }

    /**
     * Charges a password attempt of {@code username} from {@code address}, before the password is checked.
     *
     * @throws TooManyRequestsException when the name is locked out from this address, or the address is
     */
    public Attempt begin(String username, String address) {
        long now = clock.getAsLong();
        String key = username.toLowerCase(Locale.ROOT) + "\u0000" + address;
        long[] previousLast = {0};
        long wait = lockouts.update(key, current -> {
            Lockout state = current == null || now - current.last > window() ? new Lockout() : current;
            long w = state.waitNanos(
                    now,
                    freeFailures,
                    TimeUnit.SECONDS.toNanos(baseDelaySeconds),
                    TimeUnit.MINUTES.toNanos(maxDelayMinutes));
            if (w > 0) {
                return new Update<>(current, w);
            }
            state.failures++;
            previousLast[0] = state.last;
            state.last = now;
            return new Update<>(state, 0L);
        });
        if (wait > 0) {
            throw locked(wait);
        }
        Bucket bucket = address(address);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            lockouts.update(key, current -> {
                if (current != null && current.failures > 0) {
                    current.failures--; // this attempt never happened: nor did its time
                    current.last = previousLast[0];
                }
                return new Update<>(current == null || current.failures == 0 ? null : current, null);
            });
            throw locked(probe.getNanosToWaitForRefill());
        }
        return new Attempt(key, bucket);
    }

    /** The credentials were right: the attempt was no failure, and the user's lock-out from there is over. */
    public void succeeded(Attempt attempt) {
        lockouts.update(attempt.lockoutKey, current -> new Update<>(null, null));
        attempt.address.addTokens(1);
    }

    /**
     * Charges an invalid API key to its address, after the (cheap) key check: valid keys never reach here.
     *
     * @throws TooManyRequestsException when the address has no failures left
     */
    public void apiKeyRefused(String address) {
        ConsumptionProbe probe = address(address).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw locked(probe.getNanosToWaitForRefill());
        }
    }

    int entries() {
        return lockouts.size() + addresses.size();
    }

    private Bucket address(String address) {
        return addresses.get(
                String.valueOf(address), Throttle.perPeriod(perAddress, Duration.ofMinutes(windowMinutes)));
    }

    private long window() {
        return TimeUnit.MINUTES.toNanos(windowMinutes);
    }

    private static TooManyRequestsException locked(long nanos) {
        return new TooManyRequestsException(LOCKED, Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    /** Failed attempts of one user name from one address, the last one's time (nanos). Guarded by the Throttle. */
    static final class Lockout {
        int failures;
        long last;

        /** How long the next attempt must wait: nothing for the free ones, then base, 2 x base... up to max. */
        long waitNanos(long now, int free, long base, long max) {
            if (failures < free) {
                return 0;
            }
            long delay = base;
            for (int i = free; i < failures && delay < max; i++) {
                delay *= 2;
            }
            return last + Math.min(delay, max) - now;
        }
    }
}
