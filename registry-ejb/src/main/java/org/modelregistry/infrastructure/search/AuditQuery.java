package org.modelregistry.infrastructure.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.search.IndexSearcher;
import org.hibernate.search.engine.common.EntityReference;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.projection.dsl.ProjectionFinalStep;
import org.hibernate.search.engine.search.projection.dsl.SearchProjectionFactory;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.engine.search.sort.dsl.SearchSortFactory;
import org.hibernate.search.engine.search.sort.dsl.SortFinalStep;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.hibernate.search.util.common.SearchException;
import org.hibernate.search.util.common.data.Range;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.infrastructure.search.AuditTimeline.Interval;

/**
 * Runs an audit search on the {@code audit} index (Lucene or Elasticsearch/OpenSearch alike, through Hibernate
 * Search's DSL): the page of hits (sequence number, indexed hash, score, highlights), the total, the term facets and
 * the time facet, every one of them under the caller's organizations. The hits are checked against the log by the
 * caller ({@code application.audit.AuditIndexSearch}).
 */
public final class AuditQuery {

    /** The facets counted for every search, in the order the API shows them. */
    public static final List<String> FACETS = List.of("action", "actor", "objectType", "outcome");

    /** How many values of each facet are shown. */
    static final int FACET_VALUES = 20;

    /** The sorts: newest and oldest follow the chain's order (seq); relevance is BM25, newest first on ties. */
    public static final Set<String> SORTS = Set.of("newest", "oldest", "relevance");

    /**
     * What to search.
     *
     * @param words the text query (lower-cased simple query syntax), empty for all
     * @param organizations the organization ids whose records may be found; null means all (a registry administrator)
     * @param from inclusive, or null
     * @param to exclusive, or null
     * @param interval of the time facet; null: chosen from the range
     * @param afterSeq keyset of newest/oldest pages: hits after this seq in the sort order; null on the first page
     * @param offset of relevance pages
     */
    public record Spec(
            String words,
            Set<String> organizations,
            String organization,
            String actor,
            String action,
            String objectType,
            String objectId,
            String outcome,
            Instant from,
            Instant to,
            Interval interval,
            String sort,
            Long afterSeq,
            int offset,
            int limit) {}

    /** A hit as the index holds it. */
    public record Hit(long seq, String hash, Float score, List<String> highlights) {}

    /** A bucket of the time facet: hits written in [from, to). */
    public record Bucket(Instant from, Instant to, long count) {}

    /**
     * What the search found.
     *
     * @param more whether hits follow this page
     */
    public record Found(
            long total,
            List<Hit> hits,
            boolean more,
            Map<String, Map<String, Long>> facets,
            Interval interval,
            List<Bucket> timeline) {}

    /** Runs work with a search session of its own ({@link SearchIndex#query}). */
    public interface Sessions {
        <T> T query(Function<SearchSession, T> work);
    }

    private AuditQuery() {}

    public static Found search(Sessions index, Spec spec) {
        try {
            return run(index, spec);
        } catch (IndexSearcher.TooManyClauses e) {
            throw tooMany();
        } catch (SearchException e) {
            if (SearchIndex.tooManyClauses(e) || causedByTooManyClauses(e)) {
                throw tooMany();
            }
            throw e;
        }
    }

    private static Found run(Sessions index, Spec spec) {
        boolean bounded = spec.from() != null && spec.to() != null;
        Interval named = spec.interval();
        List<Range<Instant>> fixed = bounded
                ? AuditTimeline.buckets(AuditTimeline.choose(named, spec.from(), spec.to()), spec.from(), spec.to())
                : null;
        Map<String, AggregationKey<Map<String, Long>>> facetKeys = new LinkedHashMap<>();
        FACETS.forEach(f -> facetKeys.put(f, AggregationKey.of(f)));
        AggregationKey<Map<Range<Instant>, Long>> timeKey = AggregationKey.of("timeline");
        AggregationKey<Instant> minKey = AggregationKey.of("min");
        AggregationKey<Instant> maxKey = AggregationKey.of("max");
        boolean keyset = spec.afterSeq() != null;

        // the counts: all hits (without the page's keyset); the first page's hits come with them
        SearchResult<List<?>> counted = index.query(session -> {
            var query = session.search(AuditDocument.class)
                    .select(AuditQuery::projection)
                    .where(f -> predicate(f, spec, false))
                    .sort(f -> sort(f, spec))
                    .highlighter(h -> h.unified().tag("<em>", "</em>").numberOfFragments(3));
            for (var e : facetKeys.entrySet()) {
                query = query.aggregation(
                        e.getValue(),
                        f -> f.terms().field(e.getKey(), String.class).maxTermCount(FACET_VALUES));
            }
            if (fixed != null) {
                query = query.aggregation(
                        timeKey,
                        f -> f.range().field("occurredAt", Instant.class).ranges(fixed));
            } else {
                query = query.aggregation(minKey, f -> f.min().field("occurredAt", Instant.class));
                query = query.aggregation(maxKey, f -> f.max().field("occurredAt", Instant.class));
            }
            return keyset ? query.fetch(0) : query.fetch(spec.offset(), spec.limit() + 1);
        });
        long total = counted.total().hitCount();
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        facetKeys.forEach((name, key) -> facets.put(name, counted.aggregation(key)));

        Interval interval;
        List<Bucket> timeline = new ArrayList<>();
        if (fixed != null) {
            interval = AuditTimeline.choose(named, spec.from(), spec.to());
            counted.aggregation(timeKey).forEach((r, n) -> timeline.add(new Bucket(lower(r), upper(r), n)));
            timeline.sort((a, b) -> a.from().compareTo(b.from()));
        } else if (total > 0) {
            Instant oldest = counted.aggregation(minKey);
            Instant newest = counted.aggregation(maxKey);
            Instant lower = spec.from() != null ? spec.from() : oldest;
            Instant upper = spec.to() != null ? spec.to() : newest.plusMillis(1);
            interval = AuditTimeline.choose(named, lower, upper);
            if (spec.from() == null) {
                lower = interval.floor(oldest);
            }
            if (spec.to() == null) {
                upper = interval.next(interval.floor(newest));
            }
            List<Range<Instant>> buckets = AuditTimeline.buckets(interval, lower, upper);
            index.query(session -> session.search(AuditDocument.class)
                            .where(f -> predicate(f, spec, false))
                            .aggregation(
                                    timeKey,
                                    f -> f.range()
                                            .field("occurredAt", Instant.class)
                                            .ranges(buckets))
                            .fetch(0)
                            .aggregation(timeKey))
                    .forEach((r, n) -> timeline.add(new Bucket(lower(r), upper(r), n)));
            timeline.sort((a, b) -> a.from().compareTo(b.from()));
        } else {
            interval = named;
        }

        List<List<?>> rows = keyset
                ? index.query(session -> session.search(AuditDocument.class)
                        .select(AuditQuery::projection)
                        .where(f -> predicate(f, spec, true))
                        .sort(f -> sort(f, spec))
                        .highlighter(h -> h.unified().tag("<em>", "</em>").numberOfFragments(3))
                        .fetchHits(spec.limit() + 1))
                : counted.hits();
        boolean more = rows.size() > spec.limit();
        List<Hit> hits = new ArrayList<>();
        for (List<?> row : rows.subList(0, Math.min(rows.size(), spec.limit()))) {
            hits.add(hit(row, spec.sort().equals("relevance")));
        }
        return new Found(total, hits, more, facets, interval, timeline);
    }

    /** Every filter (the caller's organizations first), the text query and, for a keyset page, the keyset. */
    private static PredicateFinalStep predicate(SearchPredicateFactory f, Spec s, boolean keyset) {
        return f.bool(b -> {
            PredicateFinalStep text = s.words().isEmpty()
                    ? f.matchAll()
                    : f.simpleQueryString()
                            .field("details")
                            .field("who")
                            .boost(2f)
                            .matching(s.words())
                            .defaultOperator(BooleanOperator.AND)
                            .flags(CatalogQuery.OPERATORS);
            b.must(text);
            if (s.organizations() != null) {
                b.filter(f.terms().field("organizationId").matchingAny(List.copyOf(s.organizations())));
            }
            exact(f, b, "organizationId", s.organization());
            exact(f, b, "actor", s.actor());
            exact(f, b, "action", s.action());
            exact(f, b, "objectType", s.objectType());
            exact(f, b, "objectId", s.objectId());
            exact(f, b, "outcome", s.outcome());
            if (s.from() != null || s.to() != null) {
                b.filter(f.range().field("occurredAt").range(Range.canonical(s.from(), s.to())));
            }
            if (keyset) {
                b.filter(
                        s.sort().equals("oldest")
                                ? f.range().field("seq").greaterThan(s.afterSeq())
                                : f.range().field("seq").lessThan(s.afterSeq()));
            }
        });
    }

    private static void exact(
            SearchPredicateFactory f, BooleanPredicateClausesStep<?, ?> b, String field, String value) {
        if (value != null) {
            b.filter(f.match().field(field).matching(value));
        }
    }

    private static SortFinalStep sort(SearchSortFactory f, Spec s) {
        return switch (s.sort()) {
            case "oldest" -> f.field("seq").asc();
            case "relevance" -> f.score().then().field("seq").desc();
            default -> f.field("seq").desc();
        };
    }

    /** What a hit carries; {@link #hit} reads it in this order. */
    private static ProjectionFinalStep<List<?>> projection(SearchProjectionFactory<EntityReference, ?> f) {
        return f.composite()
                .from(f.field("seq", Long.class), f.field("hash", String.class), f.score(), f.highlight("details"))
                .asList();
    }

    @SuppressWarnings("unchecked")
    private static Hit hit(List<?> row, boolean scored) {
        List<String> highlights = (List<String>) row.get(3);
        return new Hit(
                (Long) row.get(0),
                (String) row.get(1),
                scored ? (Float) row.get(2) : null,
                highlights == null ? List.of() : highlights);
    }

    private static Instant lower(Range<Instant> r) {
        return r.lowerBoundValue().orElse(null);
    }

    private static Instant upper(Range<Instant> r) {
        return r.upperBoundValue().orElse(null);
    }

    private static boolean causedByTooManyClauses(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IndexSearcher.TooManyClauses) {
                return true;
            }
        }
        return false;
    }

    private static InvalidInputException tooMany() {
        return new InvalidInputException(
                "q",
                "too many words and terms to search at once (at most " + IndexSearcher.getMaxClauseCount()
                        + " after each word is looked up in each searched field); use fewer");
    }
}
