package org.modelregistry.infrastructure.messaging.jms;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelregistry.application.notification.EventPublisher;
import org.modelregistry.domain.notification.DomainEvent;

class JmsEventPublisherTest {

    @Test
    void theBodyIsThePayloadUnchangedThenItsSchemaVersion() {
        DomainEvent e = new DomainEvent(
                3L, "version.created", "dana", 0L, "model_version", "v", null, "default", "m", "g", "n", "1.0.0");
        JsonObject body = JmsEventPublisher.body(e);
        List<String> payloadFields = new ArrayList<>(e.payload().keySet());
        payloadFields.add("schemaVersion");
        assertThat(body.keySet()).containsExactlyElementsOf(payloadFields);
        assertThat(body.getInt("schemaVersion")).isEqualTo(EventPublisher.SCHEMA_VERSION);
        assertThat(body.toString())
                .startsWith(e.payload()
                        .toString()
                        .substring(0, e.payload().toString().length() - 1));
    }
}
