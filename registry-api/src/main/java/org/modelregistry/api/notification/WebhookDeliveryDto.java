package org.modelregistry.api.notification;

import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One event sent to one subscription: PENDING (with the next try's time), DELIVERED or DEAD, and each attempt. */
public record WebhookDeliveryDto(
        UUID id,
        long event,
        String type,
        String state,
        int attempts,
        OffsetDateTime nextAttemptAt,
        OffsetDateTime createdAt,
        OffsetDateTime finishedAt,
        JsonObject payload,
        List<Attempt> log) {

    /** One try: its status or error, and how long it took. */
    public record Attempt(int attempt, OffsetDateTime startedAt, int durationMs, Integer httpStatus, String error) {}
}
