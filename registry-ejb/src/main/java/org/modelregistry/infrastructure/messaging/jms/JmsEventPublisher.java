package org.modelregistry.infrastructure.messaging.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Topic;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.modelregistry.application.notification.EventPublisher;
import org.modelregistry.domain.notification.DomainEvent;

/**
 * Publishes domain events to the registry.events topic ({@code jms/events}): a persistent text message whose body is
 * the event's payload (the one webhooks receive) followed by {@code schemaVersion}, with the string property
 * {@code type}, the int property {@code schemaVersion} and the duplicate-detection id {@code event/<seq>}, so that
 * the broker drops an event published again after a crash.
 */
@ApplicationScoped
public class JmsEventPublisher implements EventPublisher {

    /** Artemis' duplicate-detection property. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    @Resource(lookup = "jms/registry")
    ConnectionFactory connections;

    @Resource(lookup = "jms/events")
    Topic events;

    @Override
    public void publish(List<DomainEvent> batch) {
        try (JMSContext context = connections.createContext()) {
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (DomainEvent e : batch) {
                producer.setProperty(DUPLICATE_ID, "event/" + e.seq())
                        .setProperty("type", e.type())
                        .setProperty("schemaVersion", SCHEMA_VERSION)
                        .send(events, body(e).toString());
            }
        }
    }

    /** The payload's fields, unchanged and in their order, then the schema version. */
    static JsonObject body(DomainEvent e) {
        return Json.createObjectBuilder(e.payload())
                .add("schemaVersion", SCHEMA_VERSION)
                .build();
    }
}
