package org.modelregistry.api.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A search of the indexed audit log: {@code q} in simple query syntax over the details (and the actor's and action's
 * words), exact filters (null: any), the time range [from, to), {@code interval} of the time facet ({@code day},
 * {@code week}, {@code month}; null: chosen from the range), {@code sort} {@code newest} (default), {@code oldest}
 * or {@code relevance}.
 *
 * @param organization an organization's id or slug: narrows the search to it, never widens it
 */
public record AuditSearchRequest(
        String q,
        String actor,
        String action,
        String objectType,
        UUID objectId,
        String organization,
        String outcome,
        OffsetDateTime from,
        OffsetDateTime to,
        String interval,
        String sort,
        Integer limit,
        String cursor) {}
