package org.modelregistry.api.notification;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A subscription: the events (types, or *) of an organization's models, sent signed to a URL. */
public record WebhookDto(
        UUID id,
        String organization,
        String name,
        String url,
        boolean secretSet,
        List<String> events,
        List<String> groups,
        boolean enabled,
        int version,
        OffsetDateTime createdAt,
        String createdBy,
        OffsetDateTime updatedAt,
        String updatedBy) {}
