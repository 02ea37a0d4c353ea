package org.modelregistry.domain.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void opensWhenEnoughOfTheRecentCallsFailedAndTriesAgainAfterTheDelay() {
        CircuitBreaker breaker = new CircuitBreaker(10, 4, 0.5, Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) {
            assertThat(breaker.tryAcquire(0)).isTrue();
            breaker.onFailure(0);
        }
        assertThat(breaker.state()).as("fewer than the minimum calls").isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire(0)).isTrue();
        breaker.onFailure(0);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire(29 * SECOND)).as("open during the delay").isFalse();

        assertThat(breaker.tryAcquire(31 * SECOND))
                .as("one trial after the delay")
                .isTrue();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.tryAcquire(31 * SECOND))
                .as("only one trial at a time")
                .isFalse();
        breaker.onFailure(31 * SECOND);
        assertThat(breaker.state()).as("a failed trial opens it again").isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire(50 * SECOND)).isFalse();

        assertThat(breaker.tryAcquire(62 * SECOND)).isTrue();
        breaker.onSuccess();
        assertThat(breaker.state()).as("a good trial closes it").isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire(62 * SECOND)).isTrue();
    }

    @Test
    void successesKeepItClosedAndOnlyTheWindowCounts() {
        CircuitBreaker breaker = new CircuitBreaker(4, 4, 0.75, Duration.ofSeconds(1));
        breaker.onFailure(0);
        breaker.onFailure(0);
        breaker.onSuccess();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        breaker.onFailure(0); // window: F S S F -> 2 of 4
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        breaker.onFailure(0); // S S F F
        breaker.onFailure(0); // S F F F -> 3 of 4
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> new CircuitBreaker(2, 3, 0.5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
