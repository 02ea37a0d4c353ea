package org.modelregistry.domain.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What a listing of the audit log asks for; null fields match anything.
 *
 * @param organizations the organizations (ids as text) whose records may be listed; null means all
 * @param text a substring of the details, matched literally and case-insensitively
 * @param after the id of the last record of the previous page (records are listed newest first)
 */
public record AuditFilter(
        List<String> organizations,
        String actor,
        String action,
        UUID objectId,
        String text,
        OffsetDateTime from,
        OffsetDateTime to,
        UUID after) {}
