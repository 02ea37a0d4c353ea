package org.modelregistry.infrastructure.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** The value of a native {@code SELECT min(next_attempt_at)}, as the driver hands it over. */
final class NextDue {

    private NextDue() {}

    static Optional<OffsetDateTime> of(Object value) {
        if (value instanceof OffsetDateTime t) {
            return Optional.of(t);
        }
        if (value instanceof Timestamp t) {
            return Optional.of(t.toInstant().atOffset(ZoneOffset.UTC));
        }
        if (value instanceof Instant t) {
            return Optional.of(t.atOffset(ZoneOffset.UTC));
        }
        return Optional.empty();
    }
}
