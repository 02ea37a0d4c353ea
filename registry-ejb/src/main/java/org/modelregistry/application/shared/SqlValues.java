package org.modelregistry.application.shared;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Values as native queries return them, in the types the DTOs carry. */
public final class SqlValues {

    private SqlValues() {}

    /** A timestamptz column (an OffsetDateTime or a Timestamp, by driver and query), in UTC; null stays null. */
    public static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        return ((Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }
}
