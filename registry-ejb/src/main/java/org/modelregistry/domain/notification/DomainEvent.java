package org.modelregistry.domain.notification;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A domain event: one committed audit record whose action makes an event, with the organization, model and version
 * it concerns. Read by {@code EventLog.read} (the columns of {@code EventPosition.readEvents}, in that order); its
 * {@link #payload()} is what webhooks receive and the registry.events topic carries.
 *
 * @param occurredAtMicros when the audit record was written, in microseconds since the epoch (no time zone to lose)
 * @param details the audit record's details as JSON text, or null
 * @param organization the organization's slug, or null
 * @param modelId the model's id (of the version, or of the deployed version), or null with the other model fields
 */
public record DomainEvent(
        Long seq,
        String action,
        String actor,
        Long occurredAtMicros,
        String objectType,
        String objectId,
        String details,
        String organization,
        String modelId,
        String modelGroup,
        String modelName,
        String version) {

    /** The event type subscribers filter on ({@link DomainEvents#TYPES}). */
    public String type() {
        return DomainEvents.typeOf(action);
    }

    public OffsetDateTime occurredAt() {
        return Instant.ofEpochSecond(
                        Math.floorDiv(occurredAtMicros, 1_000_000L), Math.floorMod(occurredAtMicros, 1_000_000L) * 1000)
                .atOffset(ZoneOffset.UTC);
    }

    public boolean aboutAModel() {
        return modelId != null;
    }

    public UUID modelUuid() {
        return modelId == null ? null : UUID.fromString(modelId);
    }

    /** The event as JSON, its fields in the documented order (docs/jobs.md#events). */
    public JsonObject payload() {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", String.valueOf(seq))
                .add("type", type())
                .add("action", action)
                .add("occurredAt", occurredAt().toString())
                .add("actor", actor)
                .add(
                        "object",
                        Json.createObjectBuilder().add("type", objectType).add("id", objectId));
        if (organization != null) {
            b.add("organization", organization);
        }
        if (modelId != null) {
            b.add(
                    "model",
                    Json.createObjectBuilder()
                            .add("id", modelId)
                            .add("group", modelGroup)
                            .add("name", modelName));
        }
        if (version != null) {
            b.add("version", version);
        }
        b.add("details", detailsJson());
        return b.build();
    }

    /** The audit record's details, an empty object when there are none. */
    public JsonObject detailsJson() {
        if (details == null) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Json.createReader(new StringReader(details))) {
            return reader.readObject();
        }
    }
}
