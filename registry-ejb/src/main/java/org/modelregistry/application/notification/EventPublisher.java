package org.modelregistry.application.notification;

import java.util.List;
import org.modelregistry.domain.notification.DomainEvent;

/**
 * Publishes domain events for other systems (the registry.events topic), outside any transaction (docs/adr/0001: no
 * XA). Each event may be published more than once; the broker drops repeats by their duplicate-detection id.
 */
public interface EventPublisher {

    /** The version of the message layout; a consumer reads it to know which fields to expect. */
    int SCHEMA_VERSION = 1;

    /**
     * Publishes the events, persistent, in order.
     *
     * @throws RuntimeException when the broker cannot be reached; nothing is known about which were published
     */
    void publish(List<DomainEvent> events);
}
