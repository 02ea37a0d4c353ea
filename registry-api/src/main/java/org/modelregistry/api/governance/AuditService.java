package org.modelregistry.api.governance;

/** The audit log: queries and verification of its hash chain (auditors and registry administrators). */
public interface AuditService {

    AuditVerification verify();

    /**
     * Records newest first, filtered (null means any), keyset-paginated. Auditors see the records of their
     * organizations; registry administrators see all.
     */
    org.modelregistry.api.common.Page<AuditRecordDto> search(String actor, String action, java.util.UUID objectId,
                                                             java.time.OffsetDateTime from,
                                                             java.time.OffsetDateTime to, Integer limit,
                                                             String cursor);
}
