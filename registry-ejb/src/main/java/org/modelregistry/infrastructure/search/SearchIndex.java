package org.modelregistry.infrastructure.search;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.hibernate.search.backend.lucene.LuceneExtension;
import org.hibernate.search.backend.lucene.index.LuceneIndexManager;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.AnnotatedTypeSource;
import org.hibernate.search.mapper.pojo.standalone.mapping.CloseableSearchMapping;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.hibernate.search.util.common.SearchException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.search.ReindexStatusDto;
import org.modelregistry.application.search.SearchSettings;
import org.modelregistry.infrastructure.config.ServerSettings;
import org.modelregistry.infrastructure.persistence.ClusterRole;
import org.modelregistry.infrastructure.persistence.CoalescedRun;
import org.modelregistry.infrastructure.persistence.CommitSignals;
import org.modelregistry.infrastructure.storage.BlobStore;

/**
 * The search index and how it keeps in step with the database: the façade the search service uses, and the EJB whose
 * timers drive the parts. Every committed change leaves an audit record in the same transaction; once linked into the
 * chain (db/V9) it has a sequence number, and {@link IndexFollower} follows those records in order (as soon as records
 * are chained anywhere in the cluster, the commit signal {@link CommitSignals.Channel#CHAINED}, and every {@code
 * registry.search.follow-interval-ms}, default 10000, in case a signal was lost), re-reading each changed object from
 * the database and writing its document. A shared index (Elasticsearch, OpenSearch) is followed by the server holding
 * {@link ClusterRole#SEARCH_FOLLOWER}. {@link IndexState} stores the last sequence number applied beside the index, so
 * each server of a cluster, with its own index, applies every change itself; nothing rolled back is ever indexed, since
 * it never reached the log. {@link IndexRebuild} (at start when the index is empty, unreadable or of an older format,
 * or on request) re-reads everything while searches go on, then removes what it did not see. With a local index, {@link
 * SegmentSearcher} keeps per-segment results ({@link SearchMetrics}) and {@link IndexWarmer} prepares new segments with
 * the recent searches. The chained audit records themselves go to an index of their own ({@link AuditDocuments},
 * searched by {@link AuditQuery}).
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrator", "AuditChainer", "CommitSignals"})
@Lock(LockType.READ)
public class SearchIndex {

    private static final Logger LOG = Logger.getLogger(SearchIndex.class.getName());
    private static final String FOLLOW = "follow";
    private static final String REBUILD = "rebuild";
    private static final String WARM = "warm";

    /** The fields whose values are counted for every search, in the order the API shows them. */
    public static final List<String> FACETS =
            List.of("riskTier", "state", "type", "tags", "owners", "license", "group", "organization");

    @Resource(lookup = "jdbc/registry")
    DataSource dataSource;

    @Resource
    TimerService timers;

    @Inject
    ServerSettings server;

    @Inject
    SearchSettings settings;

    @Inject
    MetricRegistry metrics;

    @EJB
    CommitSignals signals;

    @Resource
    SessionContext context;

    /** Model cards, read by the embedding worker. */
    @Inject
    BlobStore blobs;

    /** Loads the embedding model and runs the embedding worker, off the request and follower threads. */
    @Resource
    ManagedExecutorService executor;

    /** Follows one batch run at a time; a signal during one makes it go once more (see {@link CoalescedRun}). */
    private final CoalescedRun follows = new CoalescedRun();

    private SearchBackend backend;
    private CloseableSearchMapping mapping;
    private IndexState state;
    private IndexFollower follower;
    private IndexRebuild rebuild;
    private SegmentSearcher segmentSearcher;
    private Analyzer searchAnalyzer;
    private Analyzer indexAnalyzer;
    private IndexWarmer warmer;
    private SemanticIndex semantic;

    @PostConstruct
    void start() {
        Path directory = server.dataDir().resolve("index");
        backend = settings.backend();
        // vectors always on a local index (so that turning semantic search on or off never changes its format); on a
        // shared one while semantic search is on and the cluster takes them
        boolean vectors = !backend.shared() || settings.semanticModel() != null;
        try {
            mapping = mapping(directory, vectors);
        } catch (SearchException e) {
            if (!backend.shared() || !vectors) {
                throw e;
            }
            LOG.log(
                    Level.WARNING,
                    "The search cluster at " + backend.hosts() + " does not take the models' vector field (it needs"
                            + " OpenSearch 2.14 or later with its k-NN plugin, or Elasticsearch 8.12 or later; an index"
                            + " made by an older registry lacks k-NN until it is deleted and rebuilt): semantic search"
                            + " is off, lexical search works. Set registry.search.semantic.enabled=false to silence"
                            + " this. The cluster said: " + e.getMessage());
            vectors = false;
            mapping = mapping(directory, false);
        }
        if (!backend.shared()) {
            SearchClock.coarsen(mapping); // before anything reads or writes the index
            LuceneIndexManager catalog = mapping.indexManager("catalog").unwrap(LuceneIndexManager.class);
            searchAnalyzer = catalog.searchAnalyzer();
            indexAnalyzer = catalog.indexingAnalyzer();
            segmentSearcher = new SegmentSearcher(
                    FACETS,
                    List.of("type", "objectId"),
                    settings.cacheEntries(),
                    settings.cacheMinSegmentDocs(),
                    settings.cacheBytes());
            SearchMetrics.register(metrics, segmentSearcher);
            warmer = new IndexWarmer(mapping, segmentSearcher, searchAnalyzer, directory);
        }
        state = new IndexState(dataSource, backend, directory);
        // with a shared index, one server of the cluster (the search follower) looks for models to embed; every
        // server loads the model, to embed its searches
        semantic = new SemanticIndex(
                dataSource,
                mapping,
                vectors ? settings.semanticModel() : null,
                settings.semanticThreads(),
                server.dataDir().resolve("embedding"),
                blobs,
                () -> !backend.shared() || signals.runs(ClusterRole.SEARCH_FOLLOWER));
        AuditDocuments audit = new AuditDocuments(mapping);
        follower = new IndexFollower(dataSource, mapping, backend, state, semantic, audit);
        SearchMetrics.register(metrics, follower);
        rebuild = new IndexRebuild(dataSource, mapping, backend, state, follower, semantic, audit);
        semantic.start(executor, follower); // in the background: readiness never waits for the model
        boolean current = state.load();
        if (!current || (count() == 0 && rebuild.databaseHasModels())) {
            LOG.info(() -> "Search index (" + backend.kind() + ") "
                    + (current ? "is empty" : "is missing or of an" + " older format")
                    + ": rebuilding it from the database");
            state.save();
            requestRebuild();
        }
        long followMillis = settings.followMillis();
        timers.createIntervalTimer(followMillis, Math.max(10, followMillis), new TimerConfig(FOLLOW, false));
        SearchIndex self = context.getBusinessObject(SearchIndex.class); // taken here: allowed during creation
        signals.subscribe(CommitSignals.Channel.CHAINED, self::signalled);
        if (warmer != null) {
            timers.createIntervalTimer(
                    IndexWarmer.INTERVAL_MILLIS, IndexWarmer.INTERVAL_MILLIS, new TimerConfig(WARM, false));
        }
    }

    private CloseableSearchMapping mapping(Path directory, boolean vectors) {
        return SearchMapping.builder(AnnotatedTypeSource.fromClasses(CatalogDocument.class, AuditDocument.class))
                .properties(backend.properties(directory.resolve("lucene"), vectors))
                .build();
    }

    @PreDestroy
    void stop() {
        if (semantic != null) {
            semantic.stop();
        }
        if (warmer != null) {
            warmer.save();
        }
        if (mapping != null) {
            mapping.close();
        }
    }

    public SearchMapping mapping() {
        return mapping;
    }

    /** Starts a rebuild unless one is running; returns the status. */
    public ReindexStatusDto requestRebuild() {
        if (rebuild.request()) {
            timers.createSingleActionTimer(1, new TimerConfig(REBUILD, false));
        }
        return rebuild.lastStatus();
    }

    public ReindexStatusDto status() {
        return rebuild.status();
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer(Timer timer) {
        if (REBUILD.equals(timer.getInfo())) {
            rebuild.run();
        } else if (WARM.equals(timer.getInfo())) {
            try {
                warmer.warm();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Preparing new index segments with recent searches failed", e);
            }
        } else {
            signalled();
            semantic.idleSweep();
        }
    }

    /** Is semantic search on for this server (the setting, and an index that takes vectors)? */
    public boolean semanticEnabled() {
        return semantic.enabled();
    }

    /** Is the embedding model loaded (queries can be embedded)? */
    public boolean semanticReady() {
        return semantic.ready();
    }

    /** The cosine similarity from which a model near a query's meaning is a hit. */
    public float minSimilarity() {
        return settings.semanticMinSimilarity();
    }

    /** The current embedding model, name@version (null when semantic search is off). */
    public String embeddingModel() {
        return semantic.model();
    }

    /** The vector of a query: the model must be loaded ({@link #semanticReady}); null for a blank query. */
    public float[] embed(String query) {
        return semantic.embed(query);
    }

    /**
     * The vector of a query, computed on another thread of the server's executor while the caller does its lexical
     * work (a hybrid search's BM25 ranking): {@link #embed} otherwise.
     */
    public CompletableFuture<float[]> embedAside(String query) {
        return CompletableFuture.supplyAsync(() -> semantic.embed(query), executor);
    }

    /**
     * The documents nearest to a vector among those {@code filter} passes (local index only): their {@code objectId}
     * and Lucene's score, best first. A k-NN query of Lucene's own, whose hits' ids are read straight from the stored
     * fields: through Hibernate Search the same search ran a second pass over every segment to collect 100 ids.
     */
    public Map<String, Float> nearest(float[] vector, int k, Query filter) {
        IndexReader reader = mapping.scope(CatalogDocument.class)
                .extension(LuceneExtension.get())
                .openIndexReader();
        try (reader) {
            IndexSearcher searcher = new IndexSearcher(reader);
            TopDocs top = searcher.search(new KnnFloatVectorQuery(CatalogDocument.VECTOR_FIELD, vector, k, filter), k);
            StoredFields stored = searcher.storedFields();
            Map<String, Float> nearest = new LinkedHashMap<>();
            for (ScoreDoc hit : top.scoreDocs) {
                nearest.put(stored.document(hit.doc, Set.of("objectId")).get("objectId"), hit.score);
            }
            return nearest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored vector of a model with the current embedding model, or null (not embedded yet, or off). */
    public float[] vectorOf(UUID modelId) {
        return semantic.vectorOf(modelId);
    }

    /** How long the embedding model took to load (ms; -1 while it loads) and what this server embedded. */
    public String semanticStatus() {
        return "load " + semantic.loadMillis() + " ms, embedded " + semantic.throughput();
    }

    /**
     * Applies what was chained (the commit signal, or the safety poll): every server to its own local index, one
     * server of the cluster to a shared one.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void signalled() {
        if (backend.shared() && !signals.runs(ClusterRole.SEARCH_FOLLOWER)) {
            return;
        }
        try {
            follows.run(this::follow);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Applying changes to the search index failed; the next run retries", e);
        }
    }

    /** Applies the changes recorded since the last applied sequence number; returns how many records it read. */
    public int follow() {
        return follower.follow();
    }

    public long count() {
        try (SearchSession session = mapping.createSession()) {
            return session.search(CatalogDocument.class)
                    .where(f -> f.matchAll())
                    .fetchTotalHitCount();
        }
    }

    /** Is the index in this server (Lucene), so that {@link #luceneQuery} and {@link #search} apply? */
    public boolean local() {
        return !backend.shared();
    }

    /** The Lucene query of a search (local index only). */
    public Query luceneQuery(SearchSpec spec) {
        try {
            return spec.toQuery(searchAnalyzer);
        } catch (IndexSearcher.TooManyClauses e) {
            throw tooMany();
        }
    }

    /** Marks a search's words in its hits' names and descriptions (local index only; see {@link HitHighlighter}). */
    public HitHighlighter highlighter(String words) {
        return HitHighlighter.of(indexAnalyzer, searchAnalyzer, words);
    }

    private static InvalidInputException tooMany() {
        return new InvalidInputException(
                "q",
                "too many words and terms to search at once (at most " + IndexSearcher.getMaxClauseCount()
                        + " after each word is looked up in each text field); use fewer");
    }

    /**
     * The number of documents matching the search, the top values of each facet among them, and the keys of the
     * hits from offset to offset + limit (local index only; see {@link SegmentSearcher}). The search is remembered
     * among the recent ones that prepare new segments.
     */
    public SegmentSearcher.Result search(SearchSpec spec, Query query, int offset, int limit, int maxFacetValues) {
        return searched(
                spec,
                offset + limit,
                reader -> segmentSearcher.search(reader, query, spec.luceneSort(), offset, limit, maxFacetValues));
    }

    /**
     * The keys of the hits from offset to offset + limit, without their count (local index only; see {@link
     * SegmentSearcher#rank}): a ranking to fuse with another. Remembered among the recent searches too.
     */
    public List<String> rank(SearchSpec spec, Query query, int offset, int limit) {
        return searched(
                spec, offset + limit, reader -> segmentSearcher.rank(reader, query, spec.luceneSort(), offset, limit));
    }

    private <T> T searched(SearchSpec spec, int depth, Function<IndexReader, T> search) {
        T result;
        IndexReader reader = mapping.scope(CatalogDocument.class)
                .extension(LuceneExtension.get())
                .openIndexReader();
        try (reader) {
            result = search.apply(reader);
        } catch (IndexSearcher.TooManyClauses e) {
            throw tooMany();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (depth <= SegmentSearcher.MAX_CACHED_RANK) {
            warmer.record(spec); // only searches that worked are asked again
        }
        return result;
    }

    /**
     * Runs a query with a session of its own. A query that Elasticsearch or OpenSearch refuses for having too many
     * clauses (its {@code indices.query.bool.max_clause_count}, 1,024 by default like Lucene's) is the same 422 on
     * {@code q} as on the local index, not a 500.
     */
    public <T> T query(Function<SearchSession, T> work) {
        try (SearchSession session = mapping.createSession()) {
            return work.apply(session);
        } catch (SearchException e) {
            if (backend.shared() && tooManyClauses(e)) {
                throw tooMany();
            }
            throw e;
        }
    }

    /** Does the cluster's answer say that the query has too many clauses? */
    static boolean tooManyClauses(SearchException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("too_many_nested_clauses")
                || message.contains("too_many_clauses")
                || message.contains("maxClauseCount");
    }
}
