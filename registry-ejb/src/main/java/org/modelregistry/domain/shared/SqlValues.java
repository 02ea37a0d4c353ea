package org.modelregistry.domain.shared;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Column values as native queries and their result set mappings hand them over. Timestamps arrive as the driver
 * returns them (EclipseLink's own conversion to {@link OffsetDateTime} would cut them to milliseconds, and the audit
 * log keeps microseconds); ids arrive as text.
 */
public final class SqlValues {

    private SqlValues() {}

    /** A timestamptz column in UTC (an OffsetDateTime, a Timestamp or its text); null stays null. */
    public static OffsetDateTime time(Object value) {
        if (value == null || value instanceof OffsetDateTime) {
            return (OffsetDateTime) value;
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(String.valueOf(value));
    }

    public static UUID uuid(String text) {
        return text == null ? null : UUID.fromString(text);
    }
}
