package org.modelregistry.api.audit;

import java.time.OffsetDateTime;

/** A bucket of the time facet: the hits whose record was written in [from, to) (UTC). */
public record AuditTimeBucketDto(OffsetDateTime from, OffsetDateTime to, long count) {}
