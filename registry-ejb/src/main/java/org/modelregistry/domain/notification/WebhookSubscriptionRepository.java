package org.modelregistry.domain.notification;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Loads and stores webhook subscriptions. */
public interface WebhookSubscriptionRepository {

    Optional<WebhookSubscription> find(UUID id);

    /** Every subscription, by organization slug and name. */
    List<WebhookSubscription> list();

    /** The enabled subscriptions, which the fan-out matches events against. */
    List<WebhookSubscription> enabled();

    /** Stores a new subscription; false when its name is taken in the organization (also when two requests race). */
    boolean add(WebhookSubscription subscription);

    /** Writes the changes made to loaded subscriptions; false when another transaction changed one first. */
    boolean flush();
}
