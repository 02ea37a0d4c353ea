package org.modelregistry.domain.audit;

import java.io.IOException;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/** The archived months of the audit log, the export of a month, and the schema owner's maintenance work. */
public interface AuditArchiveRepository {

    /** Receives the records of an export, one at a time. */
    interface RecordSink {
        void accept(ArchivedRecord record) throws IOException;
    }

    /** Work done with the schema owner's rights, in a transaction of its own. */
    interface OwnerWork {
        void run(AuditMaintenance maintenance);
    }

    /** Every archived month, oldest first. */
    List<AuditArchive> archives();

    Optional<AuditArchive> archive(YearMonth month);

    /** Every bridge kept for dropped months, in seq order. */
    List<AuditBridge> bridges();

    /** Every per-checkpoint count kept for dropped months, by checkpoint seq and month. */
    List<AuditArchiveCount> archiveCounts();

    boolean partitionExists(YearMonth month);

    /**
     * Streams the month's records in chain order (records without a seq first, then by id) to the sink.
     *
     * @throws IOException when the sink fails
     */
    void export(YearMonth month, RecordSink sink) throws IOException;

    /** Runs the work as the schema owner; it commits when the work returns and rolls back when it throws. */
    void asOwner(OwnerWork work);
}
