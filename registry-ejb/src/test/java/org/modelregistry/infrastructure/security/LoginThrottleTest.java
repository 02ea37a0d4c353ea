package org.modelregistry.infrastructure.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.TooManyRequestsException;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private LoginThrottle throttle;

    @BeforeEach
    void setUp() {
        throttle = new LoginThrottle();
        throttle.freeFailures = 5;
        throttle.baseDelaySeconds = 60;
        throttle.maxDelayMinutes = 15;
        throttle.perAddress = 50;
        throttle.windowMinutes = 60;
        throttle.maxEntries = 1000;
        throttle.clock = now::get;
        throttle.init();
    }

    private void advanceSeconds(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toMillis(seconds));
    }

    private static long retryAfter(Runnable attempt) {
        try {
            attempt.run();
        } catch (TooManyRequestsException e) {
            return e.retryAfterSeconds();
        }
        throw new AssertionError("not locked out");
    }

    @Test
    void fiveFreeFailuresThenDelaysThatDoubleUpToTheCap() {
        for (int i = 0; i < 5; i++) {
            throttle.begin("alice", "10.0.0.1");
        }
        assertThat(retryAfter(() -> throttle.begin("alice", "10.0.0.1"))).isEqualTo(60);
        advanceSeconds(60);
        throttle.begin("alice", "10.0.0.1");
        assertThat(retryAfter(() -> throttle.begin("ALICE", "10.0.0.1")))
                .as("names are case-insensitive")
                .isEqualTo(120);
        advanceSeconds(120);
        throttle.begin("alice", "10.0.0.1");
        assertThat(retryAfter(() -> throttle.begin("alice", "10.0.0.1"))).isEqualTo(240);
        for (int i = 0; i < 6; i++) {
            advanceSeconds(15 * 60);
            throttle.begin("alice", "10.0.0.1");
        }
        assertThat(retryAfter(() -> throttle.begin("alice", "10.0.0.1")))
                .as("capped")
                .isEqualTo(15 * 60);
    }

    @Test
    void theLockOutIsPerAddressAndASuccessEndsIt() {
        for (int i = 0; i < 5; i++) {
            throttle.begin("alice", "10.0.0.1");
        }
        assertThatThrownBy(() -> throttle.begin("alice", "10.0.0.1")).isInstanceOf(TooManyRequestsException.class);
        LoginThrottle.Attempt elsewhere = throttle.begin("alice", "10.0.0.2");
        throttle.succeeded(elsewhere);
        for (int i = 0; i < 4; i++) {
            throttle.begin("bob", "10.0.0.1");
        }
        throttle.succeeded(throttle.begin("bob", "10.0.0.1"));
        for (int i = 0; i < 5; i++) {
            throttle.begin("bob", "10.0.0.1"); // the success cleared bob's failures
        }
    }

    @Test
    void anAddressRunsOutOfFailuresAcrossNamesButSuccessesAndValidKeysCostNothing() {
        throttle.perAddress = 3;
        throttle.init();
        for (int i = 0; i < 10; i++) {
            throttle.succeeded(throttle.begin("user" + i, "10.0.0.9"));
        }
        throttle.begin("a", "10.0.0.9");
        throttle.begin("b", "10.0.0.9");
        throttle.apiKeyRefused("10.0.0.9");
        assertThatThrownBy(() -> throttle.begin("c", "10.0.0.9")).isInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> throttle.apiKeyRefused("10.0.0.9")).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void failuresAreForgottenAfterAQuietWindow() {
        for (int i = 0; i < 5; i++) {
            throttle.begin("alice", "10.0.0.1");
        }
        advanceSeconds(61 * 60);
        for (int i = 0; i < 5; i++) {
            throttle.begin("alice", "10.0.0.1");
        }
    }

    @Test
    void aFloodOfDistinctHugeNamesKeepsABoundedNumberOfSmallKeys() {
        String huge = "x".repeat(100_000);
        for (int i = 0; i < 5000; i++) {
            throttle.begin(huge + i, "10.0.0." + (i % 200));
        }
        assertThat(throttle.entries()).isLessThanOrEqualTo(2000);
        assertThat(Throttle.hash(huge)).hasSize(43);
    }
}
