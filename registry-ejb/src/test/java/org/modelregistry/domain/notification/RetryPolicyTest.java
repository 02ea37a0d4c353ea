package org.modelregistry.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 28, 10, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void attemptsBeforeTheLastAreScheduledAgainAndTheLastGivesUp() {
        RetryPolicy p = new RetryPolicy(8, Duration.ofSeconds(2));
        assertThat(p.nextAttempt(1, NOW))
                .hasValueSatisfying(
                        t -> assertThat(t).isBetween(NOW.plusNanos(1_600_000_000), NOW.plusNanos(2_400_000_000L)));
        assertThat(p.nextAttempt(7, NOW))
                .hasValueSatisfying(t -> assertThat(t).isBetween(NOW.plusSeconds(102), NOW.plusSeconds(154)));
        assertThat(p.nextAttempt(8, NOW)).isEmpty();
        assertThat(p.nextAttempt(9, NOW)).isEmpty();
    }

    @Test
    void metricsNameTheStateAnAttemptLedToOrRetry() {
        assertThat(RetryPolicy.outcome(true, DeliveryState.PENDING)).isEqualTo("RETRY");
        assertThat(RetryPolicy.outcome(false, DeliveryState.DELIVERED)).isEqualTo("DELIVERED");
        assertThat(RetryPolicy.outcome(false, MailState.SENT)).isEqualTo("SENT");
        assertThat(RetryPolicy.outcome(false, MailState.DEAD)).isEqualTo("DEAD");
    }
}
