package org.modelregistry.application.search;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.hibernate.search.backend.lucene.LuceneExtension;
import org.hibernate.search.engine.common.EntityReference;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.predicate.dsl.SimpleQueryFlag;
import org.hibernate.search.engine.search.projection.dsl.ProjectionFinalStep;
import org.hibernate.search.engine.search.projection.dsl.SearchProjectionFactory;
import org.hibernate.search.engine.search.query.SearchResult;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.ServiceUnavailableException;
import org.modelregistry.api.search.ReindexStatusDto;
import org.modelregistry.api.search.SearchHitDto;
import org.modelregistry.api.search.SearchMatchDto;
import org.modelregistry.api.search.SearchRequest;
import org.modelregistry.api.search.SearchResultDto;
import org.modelregistry.api.search.SearchService;
import org.modelregistry.application.catalog.ModelAccess;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.application.shared.Cursor;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.infrastructure.config.ApiSettings;
import org.modelregistry.infrastructure.search.CatalogDocument;
import org.modelregistry.infrastructure.search.CatalogQuery;
import org.modelregistry.infrastructure.search.HitHighlighter;
import org.modelregistry.infrastructure.search.SearchIndex;
import org.modelregistry.infrastructure.search.SearchSpec;
import org.modelregistry.infrastructure.search.SegmentSearcher;
import org.modelregistry.infrastructure.search.embedding.Embedder;

/**
 * Searches the index for the caller: every query is filtered to the organizations the caller is a member of
 * (registry administrators see all), so no hit, count or facet value of another organization reaches them.
 */
@Stateless
@Local(SearchService.class)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SearchServiceBean implements SearchService {

    private static final Pattern METADATA =
            Pattern.compile("(?<![\\w.])metadata\\.([A-Za-z0-9_.-]{1,64}):" + "(\"[^\"]{1,200}\"|[^\\s\"]{1,200})");
    private static final Set<String> TYPES = Set.of("model", "version", "artifact");
    private static final Set<String> SORTS = Set.of("relevance", "name", "created");
    private static final Set<String> MODES = Set.of("lexical", "semantic", "hybrid");
    /** The nearest models a query's vector brings (semantic mode returns at most these). */
    static final int NEAREST = 100;
    /** The query syntax that carries no meaning: quotes, operators, prefix and fuzzy marks, and excluded words. */
    private static final Pattern SYNTAX = Pattern.compile("(^|\\s)-\\S+|~\\d*|[\"*|+()\\\\]");
    /** Seconds a client should wait before asking a semantic search again while the model loads. */
    static final long RETRY_AFTER_SECONDS = 5;

    private static final List<String> FACETS = SearchIndex.FACETS;

    private static final Pattern EMPHASIS = Pattern.compile("<em>([^<]+)</em>");
    private static final int MAX_OFFSET = 10_000;
    private static final int MAX_Q = 1_000;
    /** Highlighted fragments a field gives at most, on either index. */
    private static final int FRAGMENTS = HitHighlighter.FRAGMENTS;

    @EJB
    SearchIndex index;

    @Inject
    CurrentCaller caller;

    @Inject
    ModelAccess access;

    @Inject
    ApiSettings settings;

    @Override
    public SearchResultDto search(SearchRequest r) {
        if (r.q() != null && r.q().length() > MAX_Q) {
            throw new InvalidInputException("q", "at most " + MAX_Q + " characters");
        }
        if (r.type() != null && !TYPES.contains(r.type())) {
            throw new InvalidInputException("type", "one of " + TYPES);
        }
        String sort = r.sort() == null ? "relevance" : r.sort();
        if (!SORTS.contains(sort)) {
            throw new InvalidInputException("sort", "one of " + SORTS);
        }
        String mode = r.mode() == null || r.mode().isBlank()
                ? "hybrid"
                : r.mode().trim().toLowerCase(Locale.ROOT);
        if (!MODES.contains(mode)) {
            throw new InvalidInputException("mode", "one of " + MODES);
        }
        int limit = Cursor.limit(r.limit(), settings.defaultPageSize(), Math.min(100, settings.maxPageSize()));
        List<String> cursor = Cursor.decode("search", r.cursor(), 1);
        int offset;
        try {
            offset = cursor == null ? 0 : Integer.parseInt(cursor.get(0));
        } catch (NumberFormatException e) {
            throw new BadRequestException("cursor", "not a cursor of this search");
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new InvalidInputException("cursor", "results go " + MAX_OFFSET + " deep; narrow the search");
        }
        Set<UUID> visible = caller.get().visibleOrganizations();
        if (visible != null && visible.isEmpty()) {
            return new SearchResultDto(
                    0, List.of(), Map.of(), null, null, null); // a member of no organization sees nothing
        }

        // metadata.key:value terms become exact filters; the rest is the text query
        List<String> metadata = new ArrayList<>();
        String text = r.q() == null ? "" : r.q();
        Matcher m = METADATA.matcher(text);
        while (m.find()) {
            metadata.add((m.group(1) + "=" + m.group(2).replace("\"", "")).toLowerCase(Locale.ROOT));
        }
        String words = m.replaceAll(" ").trim().toLowerCase(Locale.ROOT);
        String fallback = null;
        boolean meaningful = Embedder.visible(meaning(words)); // else the model has no token to embed
        if (mode.equals("semantic")) {
            if (words.isEmpty() || !meaningful) {
                throw new InvalidInputException("q", "a semantic search needs words whose meaning to search for");
            }
            if (!sort.equals("relevance")) {
                throw new InvalidInputException("sort", "a semantic search ranks by meaning: relevance only");
            }
            if (!index.semanticEnabled()) {
                throw new InvalidInputException(
                        "mode",
                        "semantic search is off on this server (registry.search.semantic.enabled, or a search"
                                + " cluster without k-NN)");
            }
            if (!index.semanticReady()) {
                throw new ServiceUnavailableException(
                        "the embedding model of semantic search is still loading; lexical and hybrid searches work",
                        RETRY_AFTER_SECONDS);
            }
        } else if (mode.equals("hybrid")) {
            if (words.isEmpty() || !meaningful) {
                mode = "lexical"; // no words, no meaning: every document the filters leave
            } else if (!sort.equals("relevance")) {
                mode = "lexical";
                fallback = "sorted by " + sort + ": the words alone decide what matches";
            } else if (!index.semanticEnabled()) {
                mode = "lexical";
                fallback = "semantic search is off on this server: lexical results only";
            } else if (!index.semanticReady()) {
                mode = "lexical";
                fallback = "the embedding model is still loading: lexical results only";
            }
        }

        Map<String, String> filters = new LinkedHashMap<>();
        filter(filters, "type", r.type());
        filter(filters, "riskTier", r.riskTier() == null ? null : r.riskTier().toUpperCase(Locale.ROOT));
        filter(filters, "state", r.state() == null ? null : r.state().toUpperCase(Locale.ROOT));
        filter(filters, "owners", r.owner());
        filter(filters, "tags", r.tag());
        filter(filters, "group", r.group());
        filter(filters, "license", r.license());
        filter(filters, "organization", r.organization());

        if (index.local()) {
            if (!mode.equals("lexical")) {
                return searchByMeaning(r, words, metadata, filters, visible, mode, offset, limit);
            }
            SearchResultDto lexical = searchLocal(r, words, metadata, filters, visible, sort, offset, limit);
            return new SearchResultDto(
                    lexical.total(), lexical.items(), lexical.facets(), lexical.nextCursor(), mode, fallback);
        }
        if (!mode.equals("lexical")) {
            return searchByMeaningOnCluster(r, words, metadata, filters, visible, mode, offset, limit);
        }
        Map<String, AggregationKey<Map<String, Long>>> keys = new LinkedHashMap<>();
        FACETS.forEach(f -> keys.put(f, AggregationKey.of(f)));

        SearchResult<List<?>> result = index.query(session -> {
            var query = session.search(CatalogDocument.class)
                    .select(SearchServiceBean::hitProjection)
                    .where(f -> f.bool(b -> lexicalClauses(f, b, words, visible, filters, metadata, r)))
                    .sort(f -> switch (sort) {
                        case "name" ->
                            f.field("name_sort").then().field("createdAt").desc();
                        case "created" -> f.field("createdAt").desc();
                        default -> f.score().then().field("createdAt").desc();
                    })
                    .highlighter(h -> h.unified().tag("<em>", "</em>").numberOfFragments(FRAGMENTS));
            for (var e : keys.entrySet()) {
                query = query.aggregation(
                        e.getValue(),
                        f -> f.terms().field(e.getKey(), String.class).maxTermCount(20));
            }
            return query.fetch(offset, limit);
        });
        List<SearchHitDto> items =
                result.hits().stream().map(SearchServiceBean::hit).toList();
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        keys.forEach((name, key) -> facets.put(name, result.aggregation(key)));
        long total = result.total().hitCount();
        String next = offset + limit < Math.min(total, MAX_OFFSET) && !items.isEmpty()
                ? Cursor.encode("search", Integer.toString(offset + limit))
                : null;
        return new SearchResultDto(total, items, facets, next, mode, fallback);
    }

    /**
     * Semantic and hybrid searches (local index). The query's vector finds the {@value #NEAREST} nearest models by
     * k-NN with every filter inside the k-NN search (the caller's organizations, the facet filters, metadata, dates,
     * and the current embedding model), so a model the caller may not see, or that a filter leaves out, neither
     * appears nor takes the place of one that qualifies; those less similar than {@code
     * registry.search.semantic.min-similarity} (cosine) are dropped. Semantic mode ranks them by similarity; hybrid
     * fuses them with the BM25 ranking by reciprocal rank. Total and facets count the hits of the mode: the models
     * found by meaning, plus the lexical matches in hybrid.
     */
    private SearchResultDto searchByMeaning(
            SearchRequest r,
            String words,
            List<String> metadata,
            Map<String, String> filters,
            Set<UUID> visible,
            String mode,
            int offset,
            int limit) {
        Set<String> organizations =
                visible == null ? null : visible.stream().map(UUID::toString).collect(Collectors.toSet());
        Instant from = r.createdFrom() == null ? null : r.createdFrom().toInstant();
        Instant to = r.createdTo() == null ? null : r.createdTo().toInstant();
        int depth = offset + limit;
        SearchSpec lexicalSpec =
                new SearchSpec(words, filters, metadata, organizations, from, to, "relevance", depth + NEAREST);
        Query lexical = index.luceneQuery(lexicalSpec); // 422 on q when it makes too many terms
        Query filtersOnly =
                index.luceneQuery(new SearchSpec("", filters, metadata, organizations, from, to, "relevance", NEAREST));
        boolean hybrid = !mode.equals("semantic");
        // hybrid: the query's vector is computed on another core while this thread ranks by BM25
        CompletableFuture<float[]> aside = hybrid ? index.embedAside(meaning(words)) : null;
        List<String> lexicalKeys = hybrid ? index.rank(lexicalSpec, lexical, 0, depth + NEAREST) : List.of();
        float[] vector = hybrid ? joined(aside) : index.embed(meaning(words));
        String model = index.embeddingModel();
        float minSimilarity = index.minSimilarity();
        Query knnFilter = new BooleanQuery.Builder()
                .add(filtersOnly, Occur.FILTER)
                .add(new TermQuery(new Term("embeddingModel", model)), Occur.FILTER)
                .build();
        Map<String, Float> similarity = new LinkedHashMap<>();
        index.nearest(vector, NEAREST, knnFilter).forEach((objectId, score) -> {
            float cosine = 2 * score - 1; // Lucene's dot-product score is (1 + dot) / 2
            if (cosine >= minSimilarity) {
                similarity.put(CatalogDocument.key("model", objectId), cosine);
            }
        });
        List<String> semanticKeys = new ArrayList<>(similarity.keySet());
        Query byMeaning = new TermInSetQuery(
                "objectId",
                semanticKeys.stream()
                        .map(k -> new BytesRef(k.substring(k.indexOf(':') + 1)))
                        .toList());
        Query typeModel = new TermQuery(new Term("type", "model"));
        Query matched;
        List<Fusion.Fused> ranked;
        if (!hybrid) {
            matched = new BooleanQuery.Builder()
                    .add(byMeaning, Occur.MUST)
                    .add(typeModel, Occur.FILTER)
                    .build();
            ranked = semanticKeys.stream()
                    .map(k -> new Fusion.Fused(k, similarity.get(k), null, semanticKeys.indexOf(k) + 1))
                    .toList();
        } else {
            matched = new BooleanQuery.Builder()
                    .add(lexical, Occur.SHOULD)
                    .add(
                            new BooleanQuery.Builder()
                                    .add(byMeaning, Occur.MUST)
                                    .add(typeModel, Occur.FILTER)
                                    .build(),
                            Occur.SHOULD)
                    .build();
            ranked = Fusion.rrf(lexicalKeys, semanticKeys);
        }
        // total and facets of what matched (the semantic hits passed every filter in the k-NN search)
        SegmentSearcher.Result counted = index.search(lexicalSpec, matched, 0, 0, 20);
        return page(
                ranked,
                lexicalKeys,
                similarity,
                f -> f.extension(LuceneExtension.get()).fromLuceneQuery(lexical),
                index.highlighter(words),
                counted.total(),
                counted.facets(),
                mode,
                offset,
                depth);
    }

    /**
     * A page of a semantic or hybrid search, of either index: the hits that the words found ({@code byWords}, the
     * words' predicate) are read with their highlights; those found by meaning only (every hit of a semantic search)
     * are just read. On the local index {@code highlighter} marks the words in the hits' text; with none (a cluster),
     * the cluster highlights. Each hit says why it matched; {@code total} is at least what the fusion ranked.
     */
    private SearchResultDto page(
            List<Fusion.Fused> ranked,
            List<String> lexicalKeys,
            Map<String, Float> similarity,
            Function<SearchPredicateFactory, PredicateFinalStep> byWords,
            HitHighlighter highlighter,
            long counted,
            Map<String, Map<String, Long>> facets,
            String mode,
            int offset,
            int depth) {
        List<Fusion.Fused> page = ranked.subList(Math.min(offset, ranked.size()), Math.min(depth, ranked.size()));
        List<String> keys = page.stream().map(Fusion.Fused::key).toList();
        Set<String> foundByWords = new HashSet<>(lexicalKeys);
        List<String> worded = keys.stream().filter(foundByWords::contains).toList();
        List<String> plain =
                keys.stream().filter(k -> !foundByWords.contains(k)).toList();
        Map<String, List<?>> byKey = new HashMap<>();
        Function<SearchPredicateFactory, PredicateFinalStep> wordedHits =
                f -> f.bool().must(f.matchAll()).should(byWords.apply(f)).filter(f.id().matchingAny(worded));
        if (!worded.isEmpty() && highlighter != null) {
            index.query(session -> session.search(CatalogDocument.class)
                            .select(f -> hitProjection(f, Marks.TEXT))
                            .where(wordedHits)
                            .fetchHits(worded.size()))
                    .forEach(row -> byKey.put((String) row.get(0), marked(row, highlighter)));
        } else if (!worded.isEmpty()) {
            index.query(session -> session.search(CatalogDocument.class)
                            .select(f -> hitProjection(f, Marks.HIGHLIGHTS))
                            .where(wordedHits)
                            .highlighter(h -> h.unified().tag("<em>", "</em>").numberOfFragments(FRAGMENTS))
                            .fetchHits(worded.size()))
                    .forEach(row -> byKey.put((String) row.get(0), row));
        }
        if (!plain.isEmpty()) {
            index.query(session -> session.search(CatalogDocument.class)
                            .select(f -> hitProjection(f, Marks.NONE))
                            .where(f -> f.id().matchingAny(plain))
                            .fetchHits(plain.size()))
                    .forEach(row -> byKey.put((String) row.get(0), row));
        }
        List<SearchHitDto> items = new ArrayList<>();
        for (Fusion.Fused f : page) {
            List<?> row = byKey.get(f.key());
            if (row != null) {
                items.add(explained(hit(row), (float) f.score(), similarity.get(f.key())));
            }
        }
        long total = Math.max(counted, ranked.size());
        String next = depth < Math.min(ranked.size(), MAX_OFFSET) && !items.isEmpty()
                ? Cursor.encode("search", Integer.toString(depth))
                : null;
        return new SearchResultDto(total, items, facets, next, mode, null);
    }

    /** The words of a search (BM25 over the text fields; every document when none) and all its filters. */
    private static void lexicalClauses(
            SearchPredicateFactory f,
            BooleanPredicateClausesStep<?, ?> b,
            String words,
            Set<UUID> visible,
            Map<String, String> filters,
            List<String> metadata,
            SearchRequest r) {
        if (words.isEmpty()) {
            b.must(f.matchAll());
        } else {
            b.must(f.simpleQueryString()
                    .field("name")
                    .boost(8f)
                    .field("tags_text")
                    .boost(4f)
                    .field("version_text")
                    .boost(3f)
                    .field("description")
                    .field("metadataText")
                    .matching(words)
                    .defaultOperator(BooleanOperator.AND)
                    .flags(CatalogQuery.OPERATORS));
        }
        filterClauses(f, b, visible, filters, metadata, r);
    }

    /** The filters of a search: the caller's organizations, the facet filters, metadata and the creation dates. */
    private static void filterClauses(
            SearchPredicateFactory f,
            BooleanPredicateClausesStep<?, ?> b,
            Set<UUID> visible,
            Map<String, String> filters,
            List<String> metadata,
            SearchRequest r) {
        if (visible != null) {
            b.filter(f.terms()
                    .field("organizationId")
                    .matchingAny(visible.stream().map(UUID::toString).toList()));
        }
        filters.forEach((field, value) -> b.filter(f.match().field(field).matching(value)));
        metadata.forEach(kv -> b.filter(f.match().field("metadata").matching(kv)));
        if (r.createdFrom() != null || r.createdTo() != null) {
            b.filter(f.range()
                    .field("createdAt")
                    .between(
                            r.createdFrom() == null ? null : r.createdFrom().toInstant(),
                            r.createdTo() == null ? null : r.createdTo().toInstant()));
        }
    }

    /**
     * Semantic and hybrid searches on a shared index (Elasticsearch, OpenSearch with its k-NN plugin): the steps of
     * {@link #searchByMeaning}, each a query to the cluster through Hibernate Search. The k-NN query carries every
     * filter (the caller's organizations, the facet filters, metadata, dates, the current embedding model), which the
     * cluster applies while it looks for the nearest (OpenSearch's filtered k-NN with its Lucene engine), so a model
     * the caller may not see neither appears nor takes the place of one that qualifies. Scores are Lucene's, (1 +
     * cosine) / 2, as on the local index.
     */
    private SearchResultDto searchByMeaningOnCluster(
            SearchRequest r,
            String words,
            List<String> metadata,
            Map<String, String> filters,
            Set<UUID> visible,
            String mode,
            int offset,
            int limit) {
        int depth = offset + limit;
        boolean hybrid = !mode.equals("semantic");
        CompletableFuture<float[]> aside = hybrid ? index.embedAside(meaning(words)) : null;
        List<String> lexicalKeys = hybrid
                ? index.query(session -> session.search(CatalogDocument.class)
                        .select(f -> f.id(String.class))
                        .where(f -> f.bool(b -> lexicalClauses(f, b, words, visible, filters, metadata, r)))
                        .sort(f -> f.score().then().field("createdAt").desc())
                        .fetchHits(depth + NEAREST))
                : List.of();
        float[] vector = hybrid ? joined(aside) : index.embed(meaning(words));
        String model = index.embeddingModel();
        float minSimilarity = index.minSimilarity();
        List<List<?>> nearest = index.query(session -> session.search(CatalogDocument.class)
                .select(f -> f.composite().from(f.id(String.class), f.score()).asList())
                .where(f -> f.knn(NEAREST)
                        .field(CatalogDocument.VECTOR_FIELD)
                        .matching(vector)
                        .filter(f.bool(b -> {
                            filterClauses(f, b, visible, filters, metadata, r);
                            b.filter(f.match().field("embeddingModel").matching(model));
                        })))
                .fetchHits(NEAREST));
        Map<String, Float> similarity = new LinkedHashMap<>();
        for (List<?> row : nearest) {
            float cosine = 2 * (Float) row.get(1) - 1;
            if (cosine >= minSimilarity) {
                similarity.put((String) row.get(0), cosine);
            }
        }
        List<String> semanticKeys = new ArrayList<>(similarity.keySet());
        List<Fusion.Fused> ranked = hybrid
                ? Fusion.rrf(lexicalKeys, semanticKeys)
                : semanticKeys.stream()
                        .map(k -> new Fusion.Fused(k, similarity.get(k), null, semanticKeys.indexOf(k) + 1))
                        .toList();
        // total and facets of what matched: the words' matches (hybrid) and the models found by meaning
        Map<String, AggregationKey<Map<String, Long>>> facetKeys = new LinkedHashMap<>();
        FACETS.forEach(name -> facetKeys.put(name, AggregationKey.of(name)));
        SearchResult<?> counted = index.query(session -> {
            var query = session.search(CatalogDocument.class)
                    .select(f -> f.id(String.class))
                    .where(f -> f.bool(b -> {
                        if (hybrid) {
                            b.should(f.bool(l -> lexicalClauses(f, l, words, visible, filters, metadata, r)));
                        }
                        if (!semanticKeys.isEmpty()) {
                            b.should(f.id().matchingAny(semanticKeys));
                        } else if (!hybrid) {
                            b.must(f.matchNone());
                        }
                    }));
            for (var e : facetKeys.entrySet()) {
                query = query.aggregation(
                        e.getValue(),
                        f -> f.terms().field(e.getKey(), String.class).maxTermCount(20));
            }
            return query.fetch(0);
        });
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        facetKeys.forEach((name, key) -> facets.put(name, counted.aggregation(key)));
        return page(
                ranked,
                lexicalKeys,
                similarity,
                f -> f.bool(b -> lexicalClauses(f, b, words, visible, filters, metadata, r)),
                null, // the cluster highlights
                counted.total().hitCount(),
                facets,
                mode,
                offset,
                depth);
    }

    /** The vector computed aside, or what went wrong computing it (unwrapped). */
    private static float[] joined(CompletableFuture<float[]> aside) {
        try {
            return aside.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** What a query means, for its vector: its words without the query syntax and without the excluded words. */
    static String meaning(String words) {
        String plain =
                SYNTAX.matcher(words).replaceAll(" ").replaceAll("\\s+", " ").trim();
        return plain.isEmpty() ? words : plain;
    }

    /** The hit with its score and why it matched: the highlighted words, and its similarity when found by meaning. */
    static SearchHitDto explained(SearchHitDto h, float score, Float similarity) {
        Set<String> words = new LinkedHashSet<>();
        h.highlights()
                .values()
                .forEach(fragments -> fragments.forEach(fragment -> {
                    Matcher em = EMPHASIS.matcher(fragment);
                    while (em.find()) {
                        words.add(em.group(1).toLowerCase(Locale.ROOT));
                    }
                }));
        return new SearchHitDto(
                h.type(),
                h.id(),
                h.modelId(),
                h.organization(),
                h.group(),
                h.name(),
                h.version(),
                h.state(),
                h.riskTier(),
                h.license(),
                h.tags(),
                h.createdAt(),
                score,
                h.highlights(),
                new SearchMatchDto(List.copyOf(words), similarity == null ? null : round(similarity)));
    }

    private static float round(float similarity) {
        return Math.round(similarity * 10_000f) / 10_000f;
    }

    /**
     * The local (Lucene) index: one Lucene query; the total, the facets and which hits make the page come from
     * {@link SegmentSearcher} (which keeps what it worked out for the large segments that did not change), then
     * Hibernate Search reads those hits' fields, and {@link HitHighlighter} marks the words in them.
     */
    private SearchResultDto searchLocal(
            SearchRequest r,
            String words,
            List<String> metadata,
            Map<String, String> filters,
            Set<UUID> visible,
            String sort,
            int offset,
            int limit) {
        SearchSpec spec = new SearchSpec(
                words,
                filters,
                metadata,
                visible == null ? null : visible.stream().map(UUID::toString).collect(Collectors.toSet()),
                r.createdFrom() == null ? null : r.createdFrom().toInstant(),
                r.createdTo() == null ? null : r.createdTo().toInstant(),
                sort,
                offset + limit);
        Query query = index.luceneQuery(spec); // 422 on q when it makes too many terms
        SegmentSearcher.Result found = index.search(spec, query, offset, limit, 20);
        Map<String, List<?>> byKey = new HashMap<>();
        if (!found.page().isEmpty()) {
            HitHighlighter highlighter = index.highlighter(words);
            index.query(session -> session.search(CatalogDocument.class)
                            .select(f -> hitProjection(f, Marks.TEXT))
                            .where(f -> f.bool()
                                    .must(f.extension(LuceneExtension.get()).fromLuceneQuery(query))
                                    .filter(f.id().matchingAny(found.page())))
                            .fetchHits(found.page().size()))
                    .forEach(row -> byKey.put((String) row.get(0), marked(row, highlighter)));
        }
        // in the order the segment searcher ranked them; a hit deleted in between is left out
        List<SearchHitDto> items = found.page().stream()
                .map(byKey::get)
                .filter(Objects::nonNull)
                .map(SearchServiceBean::hit)
                .toList();
        long total = found.total();
        String next =
                offset + limit < Math.min(total, MAX_OFFSET) && !found.page().isEmpty()
                        ? Cursor.encode("search", Integer.toString(offset + limit))
                        : null;
        return new SearchResultDto(total, items, found.facets(), next, null, null);
    }

    private static void filter(Map<String, String> filters, String field, String value) {
        if (value != null && !value.isBlank()) {
            filters.put(field, value);
        }
    }

    /** What a hit carries, with the backend's highlights; {@link #hit} reads it in this order. */
    private static ProjectionFinalStep<List<?>> hitProjection(SearchProjectionFactory<EntityReference, ?> f) {
        return hitProjection(f, Marks.HIGHLIGHTS);
    }

    /**
     * How a hit's words are marked: by the backend's highlighter, not at all, or here ({@link #marked}, from the
     * description's stored text, read in the last place).
     */
    private enum Marks {
        HIGHLIGHTS,
        NONE,
        TEXT
    }

    /** What a hit carries; {@link #hit} reads it in this order, the last two places as {@code marks} says. */
    private static ProjectionFinalStep<List<?>> hitProjection(
            SearchProjectionFactory<EntityReference, ?> f, Marks marks) {
        boolean highlighted = marks == Marks.HIGHLIGHTS;
        return f.composite()
                .from(
                        f.id(String.class),
                        f.field("type", String.class),
                        f.field("objectId", String.class),
                        f.field("modelId", String.class),
                        f.field("organization", String.class),
                        f.field("group", String.class),
                        f.field("name", String.class),
                        f.field("version", String.class),
                        f.field("state", String.class),
                        f.field("riskTier", String.class),
                        f.field("license", String.class),
                        f.field("tags", String.class).multi(),
                        f.field("createdAt", Instant.class),
                        f.score(),
                        highlighted ? f.highlight("name") : f.constant(List.<String>of()),
                        marks == Marks.TEXT
                                ? f.field("description", String.class)
                                : highlighted ? f.highlight("description") : f.constant(List.<String>of()))
                .asList();
    }

    /** A row read with {@link Marks#TEXT}, its name and description marked by the highlighter. */
    private static List<?> marked(List<?> row, HitHighlighter highlighter) {
        List<Object> marked = new ArrayList<>(row.subList(0, 14));
        marked.add(highlighter.fragments("name", (String) row.get(6)));
        marked.add(highlighter.fragments("description", (String) row.get(15)));
        return marked;
    }

    @SuppressWarnings("unchecked")
    private static SearchHitDto hit(List<?> row) {
        Map<String, List<String>> highlights = new LinkedHashMap<>();
        List<String> name = (List<String>) row.get(14);
        List<String> description = (List<String>) row.get(15);
        if (name != null && !name.isEmpty()) {
            highlights.put("name", name);
        }
        if (description != null && !description.isEmpty()) {
            highlights.put("description", description);
        }
        Instant created = (Instant) row.get(12);
        return new SearchHitDto(
                (String) row.get(1),
                UUID.fromString((String) row.get(2)),
                UUID.fromString((String) row.get(3)),
                (String) row.get(4),
                (String) row.get(5),
                (String) row.get(6),
                (String) row.get(7),
                (String) row.get(8),
                (String) row.get(9),
                (String) row.get(10),
                (List<String>) row.get(11),
                created == null ? null : created.atOffset(ZoneOffset.UTC),
                (Float) row.get(13),
                highlights,
                null);
    }

    @Override
    public List<SearchHitDto> similar(UUID modelId, Integer limit) {
        Model model = access.visible(modelId);
        StringBuilder terms = new StringBuilder(model.getName().replace('-', ' '));
        if (model.getDescription() != null) {
            terms.append(' ').append(model.getDescription());
        }
        model.getTags().forEach(t -> terms.append(' ').append(t.replaceAll("[^A-Za-z0-9]", " ")));
        String words = terms.toString()
                .replaceAll("[^\\p{L}\\p{N}\\s]", " ")
                .toLowerCase(Locale.ROOT)
                .trim();
        int size = limit == null ? 10 : Math.max(1, Math.min(50, limit));
        Set<UUID> visible = caller.get().visibleOrganizations();
        if (visible != null && visible.isEmpty()) {
            return List.of();
        }
        float[] vector = index.semanticEnabled() ? index.vectorOf(modelId) : null;
        if (vector != null) {
            return similarByMeaning(modelId, vector, visible, size);
        }
        // not embedded yet (or semantic search off): the models sharing its words
        List<List<?>> hits = index.query(session -> session.search(CatalogDocument.class)
                .select(SearchServiceBean::hitProjection)
                .where(f -> f.bool(b -> {
                    b.must(f.simpleQueryString()
                            .field("name")
                            .boost(2f)
                            .field("tags_text")
                            .boost(2f)
                            .field("description")
                            .field("metadataText")
                            .matching(words)
                            .defaultOperator(BooleanOperator.OR)
                            .flags(EnumSet.noneOf(SimpleQueryFlag.class)));
                    b.filter(f.match().field("type").matching("model"));
                    b.mustNot(f.id().matching(CatalogDocument.key("model", modelId)));
                    if (visible != null) {
                        b.filter(f.terms()
                                .field("organizationId")
                                .matchingAny(
                                        visible.stream().map(UUID::toString).toList()));
                    }
                }))
                .highlighter(h -> h.unified().tag("<em>", "</em>"))
                .fetchHits(size));
        return hits.stream().map(SearchServiceBean::hit).toList();
    }

    /**
     * The models nearest to this one's vector, by k-NN with the caller's organizations, the type and the current
     * embedding model as filters inside the search (and the model itself left out), most similar first.
     */
    private List<SearchHitDto> similarByMeaning(UUID modelId, float[] vector, Set<UUID> visible, int size) {
        String model = index.embeddingModel();
        List<List<?>> hits = index.query(session -> session.search(CatalogDocument.class)
                .select(f -> f.composite()
                        .from(hitProjection(f, Marks.NONE), f.score())
                        .asList())
                .where(f -> f.knn(size)
                        .field(CatalogDocument.VECTOR_FIELD)
                        .matching(vector)
                        .filter(f.bool(b -> {
                            b.filter(f.match().field("type").matching("model"));
                            b.filter(f.match().field("embeddingModel").matching(model));
                            b.mustNot(f.id().matching(CatalogDocument.key("model", modelId)));
                            if (visible != null) {
                                b.filter(f.terms()
                                        .field("organizationId")
                                        .matchingAny(visible.stream()
                                                .map(UUID::toString)
                                                .toList()));
                            }
                        })))
                .fetchHits(size));
        List<SearchHitDto> similar = new ArrayList<>();
        for (List<?> row : hits) {
            float cosine = 2 * (Float) row.get(1) - 1;
            similar.add(explained(hit((List<?>) row.get(0)), cosine, cosine));
        }
        return similar;
    }

    @Override
    public ReindexStatusDto reindex() {
        requireAdmin();
        return index.requestRebuild();
    }

    @Override
    public ReindexStatusDto reindexStatus() {
        requireAdmin();
        return index.status();
    }

    private void requireAdmin() {
        Caller who = caller.get();
        if (!who.registryAdmin()) {
            throw new ForbiddenException("Rebuilding the search index takes a registry administrator");
        }
    }
}
