package org.modelregistry.domain.notification;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.ConstructorResult;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.problem.TransitionNotAllowedException;

/**
 * One event sent to one subscription: at most one per subscription and event ({@code UNIQUE (subscription_id,
 * event_seq)}). PENDING until {@link #delivered} or, after the last failed attempt, {@link #dead}; each attempt is
 * {@link #claim claimed} first so that several servers share the deliveries without sending one twice at once.
 *
 * <p>Claims are made in bulk by {@code WebhookDelivery.claimDue}, which does in SQL what {@link #claim} does to one
 * delivery (its state is a literal there so that the partial index {@code webhook_delivery_due} serves every plan).
 */
@Entity
@Table(name = "webhook_delivery")
@NamedNativeQuery(
        name = "WebhookDelivery.insertIfAbsent",
        query = "INSERT INTO webhook_delivery (id, subscription_id, event_seq, event_type, payload, state,"
                + " next_attempt_at, created_at) VALUES (CAST(? AS uuid), CAST(? AS uuid), ?, ?, CAST(? AS jsonb), ?, ?,"
                + " ?) ON CONFLICT DO NOTHING")
@NamedNativeQuery(
        name = "WebhookDelivery.claimDue",
        query = "UPDATE webhook_delivery d SET attempts = attempts + 1, next_attempt_at = now() + interval '2 minutes'"
                + " FROM webhook_subscription s WHERE s.id = d.subscription_id AND d.id IN (SELECT w.id FROM"
                + " webhook_delivery w JOIN webhook_subscription ws ON ws.id = w.subscription_id WHERE w.state = 'PENDING'"
                + " AND ws.enabled AND w.next_attempt_at <= now() ORDER BY w.next_attempt_at LIMIT ? FOR UPDATE OF w SKIP"
                + " LOCKED) RETURNING d.id::text AS id, d.attempts AS attempt, s.url AS url, s.secret AS secret,"
                + " d.event_type AS event_type, d.payload::text AS payload, s.id::text AS subscription_id,"
                + " s.secrets_sealed AS secrets_sealed",
        resultSetMapping = "ClaimedDelivery")
@SqlResultSetMapping(
        name = "ClaimedDelivery",
        classes =
                @ConstructorResult(
                        targetClass = ClaimedDelivery.class,
                        columns = {
                            @ColumnResult(name = "id", type = String.class),
                            @ColumnResult(name = "attempt", type = Integer.class),
                            @ColumnResult(name = "url", type = String.class),
                            @ColumnResult(name = "secret", type = String.class),
                            @ColumnResult(name = "event_type", type = String.class),
                            @ColumnResult(name = "payload", type = String.class),
                            @ColumnResult(name = "subscription_id", type = String.class),
                            @ColumnResult(name = "secrets_sealed", type = Boolean.class)
                        }))
@NamedQuery(
        name = "WebhookDelivery.findBySubscription",
        query = "SELECT d FROM WebhookDelivery d WHERE d.subscriptionId = :subscriptionId ORDER BY d.eventSeq DESC")
@NamedQuery(
        name = "WebhookDelivery.findBySubscriptionAndState",
        query = "SELECT d FROM WebhookDelivery d WHERE d.subscriptionId = :subscriptionId AND d.state = :state"
                + " ORDER BY d.eventSeq DESC")
public class WebhookDelivery extends RetriedSend {

    @Column(name = "subscription_id", nullable = false, updatable = false)
    private UUID subscriptionId;

    @Column(name = "event_seq", nullable = false, updatable = false)
    private long eventSeq;

    @Column(name = "event_type", nullable = false, updatable = false, length = 64)
    private String eventType;

    /** The event's JSON (jsonb), sent as it is at every attempt. */
    @Column(name = "payload", nullable = false, updatable = false)
    private String payload;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private DeliveryState state;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    protected WebhookDelivery() {
        // for JPA
    }

    private WebhookDelivery(OffsetDateTime now) {
        super(now);
    }

    /** A new delivery of the event to the subscription, due now. */
    public static WebhookDelivery of(UUID subscriptionId, DomainEvent event, OffsetDateTime now) {
        WebhookDelivery d = new WebhookDelivery(now);
        d.subscriptionId = subscriptionId;
        d.eventSeq = event.seq();
        d.eventType = event.type();
        d.payload = event.payload().toString();
        d.state = DeliveryState.PENDING;
        return d;
    }

    /** The receiver answered 2xx. */
    public void delivered(OffsetDateTime now) {
        requirePending(DeliveryState.DELIVERED.name());
        state = DeliveryState.DELIVERED;
        finishedAt = now;
    }

    /** The attempt failed and another one is due at {@code next}. */
    public void fail(OffsetDateTime next) {
        reschedule(next);
    }

    /** The last attempt failed: the delivery is given up. */
    public void dead(OffsetDateTime now) {
        requirePending(DeliveryState.DEAD.name());
        state = DeliveryState.DEAD;
        finishedAt = now;
    }

    /** A failed attempt: scheduled again by the policy, or given up after the last one. */
    public void attemptFailed(RetryPolicy retries, OffsetDateTime now) {
        retries.nextAttempt(getAttempts(), now).ifPresentOrElse(this::fail, () -> dead(now));
    }

    @Override
    protected void requirePending(String to) {
        if (state != DeliveryState.PENDING) {
            throw new TransitionNotAllowedException(
                    state.name(), to, List.of(), "the delivery " + getId() + " is finished");
        }
    }

    @Override
    public boolean isPending() {
        return state == DeliveryState.PENDING;
    }

    public UUID getSubscriptionId() {
        return subscriptionId;
    }

    public long getEventSeq() {
        return eventSeq;
    }

    public String getEventType() {
        return eventType;
    }

    public String getPayload() {
        return payload;
    }

    public DeliveryState getState() {
        return state;
    }

    public OffsetDateTime getFinishedAt() {
        return finishedAt;
    }
}
