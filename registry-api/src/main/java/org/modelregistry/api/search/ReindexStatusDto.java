package org.modelregistry.api.search;

import java.time.OffsetDateTime;

/** A rebuild of the search index: IDLE, RUNNING, DONE or FAILED, with its progress. */
public record ReindexStatusDto(
        String state,
        long generation,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        long indexed,
        long total,
        double documentsPerSecond,
        long removed,
        String error,
        long position) {}
