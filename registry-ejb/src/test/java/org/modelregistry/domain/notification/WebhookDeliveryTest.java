package org.modelregistry.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.TransitionNotAllowedException;

/** The transition table of a webhook delivery: only PENDING moves; DELIVERED and DEAD are final. */
class WebhookDeliveryTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 28, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final RetryPolicy THREE_TRIES = new RetryPolicy(3, Duration.ofSeconds(2));

    private static WebhookDelivery pending() {
        return WebhookDelivery.of(UUID.randomUUID(), Events.versionCreated(5), NOW);
    }

    @Test
    void aNewDeliveryIsPendingAndDueNowWithTheEventsPayload() {
        WebhookDelivery d = pending();
        assertThat(d.getState()).isEqualTo(DeliveryState.PENDING);
        assertThat(d.getNextAttemptAt()).isEqualTo(NOW);
        assertThat(d.getAttempts()).isZero();
        assertThat(d.getEventSeq()).isEqualTo(5);
        assertThat(d.getEventType()).isEqualTo("version.created");
        assertThat(d.getPayload()).isEqualTo(Events.versionCreated(5).payload().toString());
    }

    @Test
    void aClaimCountsTheAttemptAndHoldsTheDeliveryForTwoMinutes() {
        WebhookDelivery d = pending();
        d.claim(NOW);
        assertThat(d.getAttempts()).isEqualTo(1);
        assertThat(d.getNextAttemptAt()).isEqualTo(NOW.plusMinutes(2));
        assertThat(d.isPending()).isTrue();
    }

    @Test
    void aTwoXxMakesItDelivered() {
        WebhookDelivery d = pending();
        d.claim(NOW);
        d.delivered(NOW.plusSeconds(1));
        assertThat(d.getState()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(d.getFinishedAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void failedAttemptsBackOffUntilTheLastOneMakesItDead() {
        WebhookDelivery d = pending();
        d.claim(NOW);
        d.attemptFailed(THREE_TRIES, NOW);
        assertThat(d.getState()).isEqualTo(DeliveryState.PENDING);
        assertThat(d.getNextAttemptAt()).isBetween(NOW.plusNanos(1_600_000_000), NOW.plusNanos(2_400_000_000L));
        d.claim(NOW);
        d.attemptFailed(THREE_TRIES, NOW);
        assertThat(d.getNextAttemptAt()).isBetween(NOW.plusNanos(3_200_000_000L), NOW.plusNanos(4_800_000_000L));
        d.claim(NOW);
        d.attemptFailed(THREE_TRIES, NOW);
        assertThat(d.getState()).isEqualTo(DeliveryState.DEAD);
        assertThat(d.getFinishedAt()).isEqualTo(NOW);
        assertThat(d.getAttempts()).isEqualTo(3);
    }

    /** Every move, by name. */
    private static final Map<String, Consumer<WebhookDelivery>> MOVES = Map.of(
            "claim", d -> d.claim(NOW),
            "delivered", d -> d.delivered(NOW),
            "fail", d -> d.fail(NOW.plusSeconds(2)),
            "dead", d -> d.dead(NOW),
            "attemptFailed", d -> d.attemptFailed(THREE_TRIES, NOW));

    /** A delivery in each state. */
    private static final Map<DeliveryState, Supplier<WebhookDelivery>> IN_STATE = Map.of(
            DeliveryState.PENDING, WebhookDeliveryTest::pending,
            DeliveryState.DELIVERED,
                    () -> {
                        WebhookDelivery d = pending();
                        d.delivered(NOW);
                        return d;
                    },
            DeliveryState.DEAD,
                    () -> {
                        WebhookDelivery d = pending();
                        d.dead(NOW);
                        return d;
                    });

    @Test
    void onlyPendingMovesDeliveredAndDeadAreFinal() {
        assertThat(IN_STATE).containsOnlyKeys(DeliveryState.values());
        IN_STATE.forEach((state, make) -> MOVES.forEach((name, move) -> {
            WebhookDelivery d = make.get();
            if (state == DeliveryState.PENDING) {
                move.accept(d);
            } else {
                assertThatThrownBy(() -> move.accept(d))
                        .as("%s from %s", name, state)
                        .isInstanceOf(TransitionNotAllowedException.class)
                        .hasMessageStartingWith("Cannot move from " + state);
                assertThat(d.getState()).isEqualTo(state);
            }
        }));
    }
}
