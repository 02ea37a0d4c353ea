package org.modelregistry.api.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.common.Page;

/** The audit log: queries, verification of its hash chain and its checkpoints (auditors and administrators). */
public interface AuditService {

    /**
     * Recomputes the chain of the records written in [from, to) (null: unbounded) and checks the checkpoints and
     * the signed facts of archived months. Without an organization (its id or slug) the whole registry's records:
     * registry administrators only; with one, that organization's records: its AUDITORs and registry administrators
     * (anyone else: not found).
     */
    AuditVerification verify(OffsetDateTime from, OffsetDateTime to, String organization);

    /**
     * Records newest first, filtered (null means any), keyset-paginated. Auditors see the records of their
     * organizations; registry administrators see all. {@code text} matches anywhere in a record's details (comments,
     * names, policies), case-insensitively.
     */
    Page<AuditRecordDto> search(
            String actor,
            String action,
            UUID objectId,
            String text,
            OffsetDateTime from,
            OffsetDateTime to,
            Integer limit,
            String cursor);

    /**
     * Searches the indexed audit log: full text over the details, filters, facets and a time facet, over the records
     * of the organizations where the caller is AUDITOR (registry administrators: all). Every hit is checked against
     * the log before it is returned: a record that the database no longer holds as it was indexed (changed, its hash
     * rewritten, or gone) is withheld and counted.
     */
    AuditSearchResultDto searchIndexed(AuditSearchRequest request);

    /** Signs the current head now (registry administrators), unless the newest checkpoint already covers it. */
    AuditCheckpointDto checkpoint();

    /** The checkpoints kept outside the database, newest first. */
    List<AuditCheckpointDto> checkpoints();

    /** The archived months, oldest first. */
    List<AuditArchiveDto> archives();

    /**
     * Exports a month that has ended (YYYY-MM) to the archive directory with a signed manifest (registry
     * administrators); again for a month archived before, as long as its partition was not dropped.
     */
    AuditArchiveDto archive(String month);

    /**
     * Drops a month's partition: only an archived month whose archive file is unchanged and whose end lies more
     * than the retention period ago (registry administrators). The chain stays verifiable across the hole.
     */
    AuditArchiveDto dropPartition(String month);

    /**
     * Records a refused or failed state-changing request in a transaction of its own (the request's own work has
     * rolled back): DENIED for 401 and 403, FAILED for the other errors.
     *
     * @param actor       the authenticated caller, or null
     * @param problemType the problem document's type, if any
     */
    void recordRefused(String actor, String method, String path, int status, String problemType);
}
