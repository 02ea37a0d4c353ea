package org.modelregistry.application.audit;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.modelregistry.api.audit.AuditSearchHitDto;
import org.modelregistry.api.audit.AuditSearchRequest;
import org.modelregistry.api.audit.AuditSearchResultDto;
import org.modelregistry.api.audit.AuditTimeBucketDto;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.application.shared.Cursor;
import org.modelregistry.domain.audit.AuditRecord;
import org.modelregistry.domain.audit.AuditRepository;
import org.modelregistry.domain.audit.RefusedRequest;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.Organization;
import org.modelregistry.infrastructure.config.ApiSettings;
import org.modelregistry.infrastructure.search.AuditQuery;
import org.modelregistry.infrastructure.search.AuditTimeline;
import org.modelregistry.infrastructure.search.SearchIndex;

/**
 * Audit search for a caller whose organizations {@link AuditServiceBean} has decided: validates the request, runs it
 * on the {@code audit} index under those organizations, then checks the page against the log in one statement. A hit
 * is returned only when the database still holds a record of that sequence number whose content hashes to its stored
 * hash, that hash is the one indexed, and its organization is one the caller audits; any other hit is withheld,
 * logged and counted in {@code registry_audit_search_withheld_total}. The record shown is the database's.
 */
@ApplicationScoped
public class AuditIndexSearch {

    private static final Logger LOG = Logger.getLogger(AuditIndexSearch.class.getName());
    static final int MAX_Q = 1_000;
    static final int MAX_OFFSET = 10_000;
    private static final String CURSOR = "audit-search";

    @EJB
    SearchIndex index;

    @Inject
    AuditRepository log;

    @Inject
    ModelRepository models;

    @Inject
    ApiSettings api;

    @Inject
    MetricRegistry metrics;

    /**
     * @param audited the organizations whose records the caller may see; null means all (a registry administrator)
     */
    public AuditSearchResultDto search(AuditSearchRequest r, Set<UUID> audited) {
        if (r.q() != null && r.q().length() > MAX_Q) {
            throw new InvalidInputException("q", "at most " + MAX_Q + " characters");
        }
        if (r.from() != null && r.to() != null && !r.from().isBefore(r.to())) {
            throw new InvalidInputException("from", "must be before to");
        }
        String sort = r.sort() == null || r.sort().isBlank()
                ? "newest"
                : r.sort().trim().toLowerCase(Locale.ROOT);
        if (!AuditQuery.SORTS.contains(sort)) {
            throw new InvalidInputException("sort", "one of newest, oldest, relevance");
        }
        AuditTimeline.Interval interval =
                r.interval() == null || r.interval().isBlank() ? null : AuditTimeline.Interval.of(r.interval());
        int limit = Cursor.limit(r.limit(), api.defaultPageSize(), Math.min(100, api.maxPageSize()));
        Long afterSeq = null;
        int offset = 0;
        List<String> cursor = Cursor.decode(CURSOR, r.cursor(), 2);
        if (cursor != null) {
            if (!cursor.get(0).equals(sort)) {
                throw new BadRequestException("cursor", "cursor is of another sort; pass nextCursor as returned");
            }
            try {
                long position = Long.parseLong(cursor.get(1));
                if (sort.equals("relevance")) {
                    offset = (int) Math.min(position, Integer.MAX_VALUE);
                } else {
                    afterSeq = position;
                }
            } catch (NumberFormatException e) {
                throw new BadRequestException("cursor", "cursor is malformed");
            }
            if (offset < 0 || offset >= MAX_OFFSET) {
                throw new InvalidInputException("cursor", "results go " + MAX_OFFSET + " deep; narrow the search");
            }
        }
        String organization = null;
        if (r.organization() != null && !r.organization().isBlank()) {
            Optional<UUID> named = organization(r.organization().trim());
            if (named.isEmpty() || (audited != null && !audited.contains(named.get()))) {
                return empty(interval); // narrows, never widens; an unknown one and another's look alike
            }
            organization = named.get().toString();
        }
        if (audited != null && audited.isEmpty()) {
            return empty(interval);
        }
        AuditQuery.Found found = AuditQuery.search(
                index::query,
                new AuditQuery.Spec(
                        r.q() == null ? "" : r.q().trim().toLowerCase(Locale.ROOT),
                        audited == null
                                ? null
                                : Set.copyOf(
                                        audited.stream().map(UUID::toString).toList()),
                        organization,
                        blankToNull(r.actor()),
                        blankToNull(r.action()),
                        blankToNull(r.objectType()),
                        r.objectId() == null ? null : r.objectId().toString(),
                        r.outcome() == null || r.outcome().isBlank()
                                ? null
                                : r.outcome().trim().toUpperCase(Locale.ROOT),
                        r.from() == null ? null : r.from().toInstant(),
                        r.to() == null ? null : r.to().toInstant(),
                        interval,
                        sort,
                        afterSeq,
                        offset,
                        limit));

        // the page against the log: one statement for every hit of the page
        List<AuditSearchHitDto> items = checked(
                found.hits(),
                log.intactChained(found.hits().stream().map(AuditQuery.Hit::seq).toList()),
                audited);
        int withheld = found.hits().size() - items.size();
        if (withheld > 0) {
            metrics.counter(Metadata.builder()
                            .withName("registry_audit_search_withheld")
                            .withDescription("Audit search hits withheld because the log no longer holds the record"
                                    + " as indexed (changed, rehashed or gone)")
                            .build())
                    .inc(withheld);
        }
        String next = null;
        if (found.more() && !found.hits().isEmpty()) {
            AuditQuery.Hit last = found.hits().get(found.hits().size() - 1);
            if (sort.equals("relevance")) {
                next = offset + limit < MAX_OFFSET
                        ? Cursor.encode(CURSOR, sort, Integer.toString(offset + limit))
                        : null;
            } else {
                next = Cursor.encode(CURSOR, sort, Long.toString(last.seq()));
            }
        }
        return new AuditSearchResultDto(
                found.total(),
                items,
                found.facets(),
                found.interval() == null ? null : found.interval().apiName(),
                found.timeline().stream()
                        .map(b -> new AuditTimeBucketDto(utc(b.from()), utc(b.to()), b.count()))
                        .toList(),
                withheld,
                next);
    }

    /**
     * The hits that the log holds as indexed, as it holds them: a record of the hit's seq among the intact ones read
     * again, with the hash indexed, of an organization the caller audits (null: all). The others are logged.
     */
    static List<AuditSearchHitDto> checked(List<AuditQuery.Hit> hits, List<AuditRecord> intact, Set<UUID> audited) {
        Map<Long, AuditRecord> held = new HashMap<>();
        intact.forEach(rec -> held.put(rec.seq(), rec));
        List<AuditSearchHitDto> items = new ArrayList<>();
        for (AuditQuery.Hit hit : hits) {
            AuditRecord rec = held.get(hit.seq());
            boolean shown = rec != null
                    && hit.hash().equals(rec.hash())
                    && (audited == null || (rec.organizationId() != null && audited.contains(rec.organizationId())));
            if (!shown) {
                LOG.warning(() -> "Audit search withheld the record seq " + hit.seq() + ": the log "
                        + (rec == null
                                ? "holds no intact record of that seq (changed, or gone)"
                                : "holds it with another hash or organization than indexed"));
                continue;
            }
            Map<String, List<String>> highlights = new LinkedHashMap<>();
            if (!hit.highlights().isEmpty()) {
                highlights.put("details", hit.highlights());
            }
            items.add(new AuditSearchHitDto(AuditRecordMapper.toDto(rec), hit.score(), highlights));
        }
        return items;
    }

    private Optional<UUID> organization(String idOrSlug) {
        UUID id = RefusedRequest.uuid(idOrSlug);
        return (id != null ? models.organization(id) : models.organization(idOrSlug)).map(Organization::getId);
    }

    private static AuditSearchResultDto empty(AuditTimeline.Interval interval) {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        AuditQuery.FACETS.forEach(f -> facets.put(f, Map.of()));
        return new AuditSearchResultDto(
                0, List.of(), facets, interval == null ? null : interval.apiName(), List.of(), 0, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
