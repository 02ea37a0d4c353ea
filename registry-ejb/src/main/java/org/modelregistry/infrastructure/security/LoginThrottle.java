package org.modelregistry.infrastructure.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.api.problem.TooManyRequestsException;
import org.modelregistry.infrastructure.cache.SharedThrottle;
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
 * an invalid one is charged to its address. Both maps are bounded ({@link Throttle}), keyed by hashes, and shared by
 * the servers of a cluster ({@link SharedThrottle}): a guesser gains nothing by spreading attempts over servers.
 * Locked out: 429 with Retry-After, without checking credentials.
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

    @Inject
    SharedThrottle shared;

    /** Wall-clock milliseconds: the servers of a cluster share the states, and NTP keeps their clocks together. */
    LongSupplier clock = System::currentTimeMillis;

    private Throttle<Lockout> lockouts;
    private Throttle<TokenBucket> addresses;

    @PostConstruct
    void init() {
        lockouts = new Throttle<>(shared == null ? Throttle.local(maxEntries) : shared.store("login-lockouts"));
        addresses = new Throttle<>(shared == null ? Throttle.local(maxEntries) : shared.store("login-addresses"));
    }

    /** A sign-in attempt, charged as a failure until {@link #succeeded} says otherwise. */
    public static final class Attempt {
        private final String lockoutKey;
        private final String addressKey;

        private Attempt(String lockoutKey, String addressKey) {
            this.lockoutKey = lockoutKey;
            this.addressKey = addressKey;
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
            Lockout state = current == null || now - current.last() > window() ? new Lockout(0, 0) : current;
            long w = state.waitMillis(
                    now,
                    freeFailures,
                    TimeUnit.SECONDS.toMillis(baseDelaySeconds),
                    TimeUnit.MINUTES.toMillis(maxDelayMinutes));
            if (w > 0) {
                return new Update<>(current, w);
            }
            previousLast[0] = state.last();
            return new Update<>(new Lockout(state.failures() + 1, now), 0L);
        });
        if (wait > 0) {
            throw locked(wait);
        }
        String addressKey = String.valueOf(address);
        long addressWait = takeAddressToken(addressKey, now);
        if (addressWait > 0) {
            lockouts.update(key, current -> {
                if (current == null || current.failures() <= 1) {
                    return new Update<>(null, null);
                }
                // this attempt never happened: nor did its time
                return new Update<>(new Lockout(current.failures() - 1, previousLast[0]), null);
            });
            throw locked(addressWait);
        }
        return new Attempt(key, addressKey);
    }

    /** The credentials were right: the attempt was no failure, and the user's lock-out from there is over. */
    public void succeeded(Attempt attempt) {
        lockouts.update(attempt.lockoutKey, current -> new Update<>(null, null));
        addresses.update(
                attempt.addressKey, bucket -> new Update<>(bucket == null ? null : bucket.giveBack(perAddress), null));
    }

    /**
     * Charges an invalid API key to its address, after the (cheap) key check: valid keys never reach here.
     *
     * @throws TooManyRequestsException when the address has no failures left
     */
    public void apiKeyRefused(String address) {
        long wait = takeAddressToken(String.valueOf(address), clock.getAsLong());
        if (wait > 0) {
            throw locked(wait);
        }
    }

    int entries() {
        return lockouts.size() + addresses.size();
    }

    /** Takes a token of the address's bucket: 0 when taken, else the milliseconds until there is one. */
    private long takeAddressToken(String address, long now) {
        long period = TimeUnit.MINUTES.toMillis(windowMinutes);
        return addresses.update(address, bucket -> {
            TokenBucket current =
                    (bucket == null ? TokenBucket.full(perAddress, now) : bucket).at(now, perAddress, period);
            if (!current.hasToken()) {
                return new Update<>(bucket, Math.max(1, current.millisToNextToken(perAddress, period)));
            }
            return new Update<>(current.take(), 0L);
        });
    }

    private long window() {
        return TimeUnit.MINUTES.toMillis(windowMinutes);
    }

    private static TooManyRequestsException locked(long millis) {
        return new TooManyRequestsException(LOCKED, Math.max(1, (millis + 999) / 1000));
    }

    /** Failed attempts of one user name from one address, and the last one's time (wall-clock milliseconds). */
    record Lockout(int failures, long last) implements Serializable {

        /** How long the next attempt must wait: nothing for the free ones, then base, 2 x base... up to max. */
        long waitMillis(long now, int free, long base, long max) {
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
