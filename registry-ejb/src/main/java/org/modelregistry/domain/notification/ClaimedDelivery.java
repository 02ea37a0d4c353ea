package org.modelregistry.domain.notification;

import java.util.UUID;

/**
 * A webhook delivery claimed for sending ({@code WebhookDelivery.claimDue}): the attempt it makes and what to send
 * where. {@code secret} is sealed as stored until {@link #withSecret} gives the opened one (null: it cannot be read).
 */
public record ClaimedDelivery(
        String id,
        Integer attempt,
        String url,
        String secret,
        String eventType,
        String payload,
        String subscriptionId,
        Boolean secretsSealed) {

    public UUID deliveryId() {
        return UUID.fromString(id);
    }

    public UUID subscription() {
        return UUID.fromString(subscriptionId);
    }

    public ClaimedDelivery withSecret(String opened) {
        return new ClaimedDelivery(id, attempt, url, opened, eventType, payload, subscriptionId, secretsSealed);
    }
}
