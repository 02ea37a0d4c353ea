package org.modelregistry.domain.audit;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Column values as the audit queries' result set mappings hand them over. Timestamps arrive as the driver returns
 * them (EclipseLink's own conversion to {@link OffsetDateTime} would cut them to milliseconds, and the audit log
 * keeps microseconds); ids arrive as text.
 */
final class SqlRows {

    private SqlRows() {}

    /** A timestamptz column in UTC (an OffsetDateTime, a Timestamp or its text); null stays null. */
    static OffsetDateTime time(Object value) {
        if (value == null || value instanceof OffsetDateTime) {
            return (OffsetDateTime) value;
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(String.valueOf(value));
    }

    static UUID uuid(String text) {
        return text == null ? null : UUID.fromString(text);
    }
}
