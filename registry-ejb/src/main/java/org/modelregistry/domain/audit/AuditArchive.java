package org.modelregistry.domain.audit;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.modelregistry.domain.shared.SqlValues;

/**
 * An archived month of the audit log (audit_archive, db/V10 and V18; result set mapping {@code AuditArchive}): its
 * exported file and digest, the signed manifest, and once its partition is dropped, who dropped it and the signed
 * drop statement.
 *
 * @param month the month as YYYY-MM
 * @param firstSeq null when the month held no chained record
 */
public record AuditArchive(
        String month,
        String file,
        String sha256,
        long records,
        Long firstSeq,
        Long lastSeq,
        String manifest,
        OffsetDateTime archivedAt,
        String archivedBy,
        OffsetDateTime droppedAt,
        String droppedBy,
        String dropStatement) {

    /** The format a manifest states; a signed payload of another format is not a manifest. */
    public static final String MANIFEST_FORMAT = "model-registry-audit-archive/1";

    /** As the result set mapping reads it: the times as the driver returns them. */
    public AuditArchive(
            String month,
            String file,
            String sha256,
            Long records,
            Long firstSeq,
            Long lastSeq,
            String manifest,
            Object archivedAt,
            String archivedBy,
            Object droppedAt,
            String droppedBy,
            String dropStatement) {
        this(
                month,
                file,
                sha256,
                records.longValue(),
                firstSeq,
                lastSeq,
                manifest,
                SqlValues.time(archivedAt),
                archivedBy,
                SqlValues.time(droppedAt),
                droppedBy,
                dropStatement);
    }

    public boolean dropped() {
        return droppedAt != null;
    }

    public YearMonth yearMonth() {
        return YearMonth.parse(month);
    }

    /** When the month's partition may be dropped: the retention period after the month ended. */
    public static OffsetDateTime droppableFrom(YearMonth month, Period retention) {
        return start(month.plusMonths(1)).plus(retention);
    }

    /** The first instant of a month, in UTC (partitions are cut there). */
    public static OffsetDateTime start(YearMonth month) {
        return month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** The monthly partition of audit_event that holds the month's records (db/V8). */
    public static String partition(YearMonth month) {
        return String.format("audit_event_%04d_%02d", month.getYear(), month.getMonthValue());
    }

    /** The object id the audit records of a month's archive and drop name. */
    public static UUID objectId(YearMonth month) {
        return UUID.nameUUIDFromBytes(("audit-archive:" + month).getBytes(StandardCharsets.UTF_8));
    }
}
