package org.modelregistry.infrastructure.security;

import io.github.bucket4j.Bucket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.api.problem.TooManyRequestsException;

/**
 * Throttles failed sign-ins, per user name and per client address: each failure spends a token; with none left the
 * name (or address) is locked out, without checking credentials, until one refills (429 with Retry-After).
 */
@ApplicationScoped
public class LoginThrottle {

    private final Throttle throttle = new Throttle(100_000);

    @Inject
    @ConfigProperty(name = "registry.auth.failures-per-user", defaultValue = "5")
    int perUser;

    @Inject
    @ConfigProperty(name = "registry.auth.failures-per-address", defaultValue = "50")
    int perAddress;

    @Inject
    @ConfigProperty(name = "registry.auth.failure-window-minutes", defaultValue = "15")
    int windowMinutes;

    /** @throws TooManyRequestsException when the name or the address is locked out */
    public void check(String username, String address) {
        for (Bucket b : new Bucket[] {user(username), address(address)}) {
            if (b != null && b.getAvailableTokens() < 1) {
                long wait = b.estimateAbilityToConsume(1).getNanosToWaitForRefill();
                throw new TooManyRequestsException("Too many failed sign-ins; try again later",
                        Math.max(1, Duration.ofNanos(wait).toSeconds() + 1));
            }
        }
    }

    public void failed(String username, String address) {
        for (Bucket b : new Bucket[] {user(username), address(address)}) {
            if (b != null) {
                b.tryConsume(1);
            }
        }
    }

    private Bucket user(String username) {
        return username == null ? null : throttle.bucket("user:" + username.toLowerCase(Locale.ROOT),
                Throttle.perPeriod(perUser, Duration.ofMinutes(windowMinutes)));
    }

    private Bucket address(String address) {
        return address == null ? null : throttle.bucket("address:" + address,
                Throttle.perPeriod(perAddress, Duration.ofMinutes(windowMinutes)));
    }
}
