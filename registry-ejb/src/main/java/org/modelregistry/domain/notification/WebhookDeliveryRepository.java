package org.modelregistry.domain.notification;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Webhook deliveries and their attempts: made by the fan-out, claimed and finished by the senders, listed as a log. */
public interface WebhookDeliveryRepository {

    /** Stores a new delivery unless the subscription already has one for the event. */
    void addIfAbsent(WebhookDelivery delivery);

    /**
     * Claims up to {@code max} due PENDING deliveries of enabled subscriptions, oldest due first, skipping those
     * another server holds locked ({@link WebhookDelivery#claim} for each, in one statement).
     */
    List<ClaimedDelivery> claimDue(int max);

    /** When the next PENDING delivery falls due (a retry, or a claim whose sender vanished), if one does. */
    Optional<OffsetDateTime> nextDue();

    Optional<WebhookDelivery> find(UUID id);

    /** The newest deliveries (by event) of a subscription first, in one state when {@code state} is given. */
    List<WebhookDelivery> log(UUID subscriptionId, DeliveryState state, int limit);

    /** Stores an attempt unless it was stored already. */
    void addAttemptIfAbsent(WebhookDeliveryAttempt attempt);

    /** The attempts of these deliveries, in attempt order. */
    List<WebhookDeliveryAttempt> attempts(Collection<UUID> deliveryIds);
}
