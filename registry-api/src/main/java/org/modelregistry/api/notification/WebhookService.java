package org.modelregistry.api.notification;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** Webhook subscriptions (the organization's administrators) and their delivery logs. */
public interface WebhookService {

    WebhookDto create(CreateWebhookRequest request);

    List<WebhookDto> list();

    WebhookDto get(UUID id);

    WebhookDto update(UUID id, Long expectedVersion, JsonObject patch);

    /** The newest deliveries first; {@code state} filters (PENDING, DELIVERED, DEAD) when given. */
    List<WebhookDeliveryDto> deliveries(UUID id, String state, int limit);
}
