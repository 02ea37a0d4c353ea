package org.modelregistry.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.TransitionNotAllowedException;

/** The transition table of a mail: only PENDING moves; SENT and DEAD are final; the last error is kept. */
class MailMessageTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 28, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final RetryPolicy TWO_TRIES = new RetryPolicy(2, Duration.ofSeconds(2));

    private static MailMessage pending() {
        return MailMessage.of(5, "dana@example.test", "Review requested: fraud/scorer 1.2.0", "text", NOW);
    }

    private static final Map<String, Consumer<MailMessage>> MOVES = Map.of(
            "claim", m -> m.claim(NOW),
            "sent", m -> m.sent(NOW),
            "fail", m -> m.fail("refused", NOW.plusSeconds(2)),
            "dead", m -> m.dead("refused", NOW),
            "attemptFailed", m -> m.attemptFailed("refused", TWO_TRIES, NOW));

    private static final Map<MailState, Supplier<MailMessage>> IN_STATE = Map.of(
            MailState.PENDING, MailMessageTest::pending,
            MailState.SENT,
                    () -> {
                        MailMessage m = pending();
                        m.sent(NOW);
                        return m;
                    },
            MailState.DEAD,
                    () -> {
                        MailMessage m = pending();
                        m.dead("refused", NOW);
                        return m;
                    });

    @Test
    void aNewMailIsPendingAndDueNow() {
        MailMessage m = pending();
        assertThat(m.getState()).isEqualTo(MailState.PENDING);
        assertThat(m.getNextAttemptAt()).isEqualTo(NOW);
        assertThat(m.getCreatedAt()).isEqualTo(NOW);
        assertThat(m.getAttempts()).isZero();
    }

    @Test
    void aFailedAttemptKeepsTheErrorAndTheLastOneMakesItDead() {
        MailMessage m = pending();
        m.claim(NOW);
        assertThat(m.getNextAttemptAt()).isEqualTo(NOW.plusMinutes(2));
        m.attemptFailed("MessagingException: 550 refused", TWO_TRIES, NOW);
        assertThat(m.getState()).isEqualTo(MailState.PENDING);
        assertThat(m.getLastError()).isEqualTo("MessagingException: 550 refused");
        assertThat(m.getNextAttemptAt()).isBetween(NOW.plusNanos(1_600_000_000), NOW.plusNanos(2_400_000_000L));
        m.claim(NOW);
        m.attemptFailed("x".repeat(3000), TWO_TRIES, NOW);
        assertThat(m.getState()).isEqualTo(MailState.DEAD);
        assertThat(m.getLastError()).hasSize(WebhookDeliveryAttempt.MAX_ERROR);
        assertThat(m.getSentAt()).as("the column says when it was finished").isEqualTo(NOW);
    }

    @Test
    void aSentMailHasNoError() {
        MailMessage m = pending();
        m.claim(NOW);
        m.sent(NOW);
        assertThat(m.getState()).isEqualTo(MailState.SENT);
        assertThat(m.getLastError()).isNull();
        assertThat(m.getSentAt()).isEqualTo(NOW);
    }

    @Test
    void onlyPendingMovesSentAndDeadAreFinal() {
        assertThat(IN_STATE).containsOnlyKeys(MailState.values());
        IN_STATE.forEach((state, make) -> MOVES.forEach((name, move) -> {
            MailMessage m = make.get();
            if (state == MailState.PENDING) {
                move.accept(m);
            } else {
                assertThatThrownBy(() -> move.accept(m))
                        .as("%s from %s", name, state)
                        .isInstanceOf(TransitionNotAllowedException.class)
                        .hasMessageStartingWith("Cannot move from " + state);
                assertThat(m.getState()).isEqualTo(state);
            }
        }));
    }
}
