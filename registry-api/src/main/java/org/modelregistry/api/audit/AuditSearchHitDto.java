package org.modelregistry.api.audit;

import java.util.List;
import java.util.Map;

/**
 * One hit of an audit search: the record as the log holds it (re-read from the database, its hash recomputed and
 * equal to the one indexed), its score (null unless sorted by relevance) and the fragments of its details that
 * matched ({@code highlights}: {@code details} -> fragments, matches wrapped in {@code <em>}, not HTML-escaped).
 */
public record AuditSearchHitDto(AuditRecordDto record, Float score, Map<String, List<String>> highlights) {}
