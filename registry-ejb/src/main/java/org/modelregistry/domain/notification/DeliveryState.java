package org.modelregistry.domain.notification;

/**
 * Where a webhook delivery stands: PENDING until a 2xx makes it DELIVERED or the last failed attempt makes it DEAD.
 * Only PENDING moves ({@link WebhookDelivery}); the two end states are final.
 */
public enum DeliveryState {
    PENDING,
    DELIVERED,
    DEAD
}
