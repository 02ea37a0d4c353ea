package org.modelregistry.infrastructure.search;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.hibernate.search.backend.lucene.LuceneExtension;
import org.hibernate.search.backend.lucene.index.LuceneIndexManager;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.AnnotatedTypeSource;
import org.hibernate.search.mapper.pojo.standalone.mapping.CloseableSearchMapping;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.search.ReindexStatusDto;
import org.modelregistry.infrastructure.config.RegistrySettings;
import org.modelregistry.infrastructure.storage.AtomicFiles;

/**
 * The search index and how it keeps in step with the database. Every committed change leaves an audit record in
 * the same transaction; once linked into the chain (db/V9) it has a sequence number, and this server follows those
 * records in order (every {@code registry.search.follow-interval-ms}, default 200), re-reading each changed object
 * from the database and writing its document. It stores the last sequence number it applied beside the index, so
 * each server of a cluster, with its own index, applies every change itself; nothing rolled back is ever indexed,
 * since it never reached the log. A rebuild (at start when the index is empty, unreadable or of an older format,
 * or on request) re-reads everything while searches go on, then removes what it did not see.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrator", "AuditChainer"})
@Lock(LockType.READ)
public class SearchIndex {

    private static final Logger LOG = Logger.getLogger(SearchIndex.class.getName());
    /** Bump when {@link CatalogDocument} changes: a server finding an older index rebuilds it. */
    static final int FORMAT = 1;

    private static final int FOLLOW_BATCH = 2_000;
    private static final int PAGE = 1_000;
    private static final String FOLLOW = "follow";
    private static final String REBUILD = "rebuild";
    private static final String WARM = "warm";
    private static final int RECENT = 256;
    private static final long WARM_MILLIS = 5_000;
    private static final long SAVE_NANOS = TimeUnit.SECONDS.toNanos(60);

    @Resource(lookup = "jdbc/registry")
    DataSource dataSource;

    @Resource
    TimerService timers;

    @Inject
    RegistrySettings settings;

    @Inject
    @ConfigProperty(name = "registry.search.follow-interval-ms", defaultValue = "200")
    long followMillis;

    @Inject
    @ConfigProperty(name = "registry.search.refresh-interval-ms", defaultValue = "500")
    long refreshMillis;

    @Inject
    @ConfigProperty(name = "registry.search.backend", defaultValue = "lucene")
    String backendKind;

    @Inject
    @ConfigProperty(name = "registry.search.elasticsearch.hosts", defaultValue = " ")
    String esHosts;

    @Inject
    @ConfigProperty(name = "registry.search.elasticsearch.protocol", defaultValue = "http")
    String esProtocol;

    @Inject
    @ConfigProperty(name = "registry.search.elasticsearch.username")
    Optional<String> esUsername;

    @Inject
    @ConfigProperty(name = "registry.search.elasticsearch.password")
    Optional<String> esPassword;

    @Inject
    @ConfigProperty(name = "registry.search.elasticsearch.version")
    Optional<String> esVersion;

    @Inject
    @ConfigProperty(name = "registry.search.cache-entries", defaultValue = "4096")
    int searchCacheEntries;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "registry.search.cache-min-segment-docs", defaultValue = "20000")
    int cacheMinSegmentDocs;

    @Inject
    @ConfigProperty(name = "registry.search.cache-mb", defaultValue = "64")
    int cacheMegabytes;

    /** The fields whose values are counted for every search, in the order the API shows them. */
    public static final List<String> FACETS =
            List.of("riskTier", "state", "type", "tags", "owners", "license", "group", "organization");

    private SearchBackend backend;
    private SegmentSearcher segmentSearcher;
    private RecentSearches recent;
    private volatile long recentSavedAt = System.nanoTime();
    private Analyzer searchAnalyzer;

    private CloseableSearchMapping mapping;
    private Path directory;
    private final ReentrantLock following = new ReentrantLock();
    private final ReentrantLock rebuilding = new ReentrantLock();
    private volatile long position;
    private volatile long generation;
    private volatile ReindexStatusDto status = new ReindexStatusDto("IDLE", 0, null, null, 0, 0, 0, 0, null, 0);

    @PostConstruct
    void start() {
        directory = settings.dataDir().resolve("index");
        backend = new SearchBackend(
                backendKind,
                esHosts,
                esProtocol,
                esUsername.filter(u -> !u.isBlank()),
                esPassword.filter(p -> !p.isBlank()),
                esVersion.filter(v -> !v.isBlank()),
                refreshMillis);
        mapping = SearchMapping.builder(AnnotatedTypeSource.fromClasses(CatalogDocument.class))
                .properties(backend.properties(directory.resolve("lucene")))
                .build();
        if (!backend.shared()) {
            searchAnalyzer = mapping.indexManager("catalog")
                    .unwrap(LuceneIndexManager.class)
                    .searchAnalyzer();
            segmentSearcher = new SegmentSearcher(
                    FACETS,
                    List.of("type", "objectId"),
                    Math.max(0, searchCacheEntries),
                    Math.max(1, cacheMinSegmentDocs),
                    Math.max(0, cacheMegabytes) * (1L << 20));
            Metadata kept = Metadata.builder()
                    .withName("registry_search_kept")
                    .withDescription("Per-segment search results since start: found kept (hit) or worked out (miss)")
                    .build();
            metrics.gauge(kept, () -> segmentSearcher.stats()[0], new Tag("result", "hit"));
            metrics.gauge(kept, () -> segmentSearcher.stats()[1], new Tag("result", "miss"));
            metrics.gauge(
                    Metadata.builder()
                            .withName("registry_search_kept_entries")
                            .withDescription("Per-segment search results kept now (counts and rankings)")
                            .build(),
                    () -> segmentSearcher.stats()[2]);
            recent = new RecentSearches(directory.resolve("recent-searches.json"), RECENT);
            recent.load();
        }
        Properties state = readState();
        boolean current = state != null && Integer.toString(FORMAT).equals(state.getProperty("format"));
        // a fresh index starts at the log's end: the rebuild reads everything before it
        position = current ? Long.parseLong(state.getProperty("position", "0")) : maxSeq();
        generation = current ? Long.parseLong(state.getProperty("generation", "0")) : 0;
        if (!current || (count() == 0 && databaseHasModels())) {
            LOG.info(() -> "Search index (" + backend.kind() + ") "
                    + (current ? "is empty" : "is missing or of an" + " older format")
                    + ": rebuilding it from the database");
            writeState();
            requestRebuild();
        }
        timers.createIntervalTimer(followMillis, Math.max(10, followMillis), new TimerConfig(FOLLOW, false));
        if (segmentSearcher != null) {
            timers.createIntervalTimer(WARM_MILLIS, WARM_MILLIS, new TimerConfig(WARM, false));
        }
    }

    @PreDestroy
    void stop() {
        if (recent != null) {
            recent.save();
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
        if (!"RUNNING".equals(status.state())) {
            status = new ReindexStatusDto(
                    "RUNNING", generation + 1, OffsetDateTime.now(ZoneOffset.UTC), null, 0, 0, 0, 0, null, position);
            timers.createSingleActionTimer(1, new TimerConfig(REBUILD, false));
        }
        return status;
    }

    public ReindexStatusDto status() {
        ReindexStatusDto s = status;
        return new ReindexStatusDto(
                s.state(),
                s.generation(),
                s.startedAt(),
                s.finishedAt(),
                s.indexed(),
                s.total(),
                s.documentsPerSecond(),
                s.removed(),
                s.error(),
                position);
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer(Timer timer) {
        if (REBUILD.equals(timer.getInfo())) {
            rebuild();
        } else if (WARM.equals(timer.getInfo())) {
            try {
                warm();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Preparing new index segments with recent searches failed", e);
            }
        } else {
            try {
                follow();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Applying changes to the search index failed; the next run retries", e);
            }
        }
    }

    /**
     * Applies the changes recorded since the last applied sequence number; returns how many records it read. With
     * a shared index the position lives in the database and one server at a time applies a batch, holding its row.
     */
    public int follow() {
        if (!following.tryLock()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            int total = 0;
            int read;
            do {
                if (backend.shared()) {
                    c.setAutoCommit(false);
                    if (!lockSharedPosition(c)) {
                        c.rollback();
                        c.setAutoCommit(true);
                        break; // another server is applying this batch
                    }
                }
                try {
                    read = batch(c);
                    if (backend.shared()) {
                        try (PreparedStatement ps =
                                c.prepareStatement("UPDATE search_position SET position = ?" + " WHERE backend = ?")) {
                            ps.setLong(1, position);
                            ps.setString(2, backend.kind());
                            ps.executeUpdate();
                        }
                        c.commit();
                    } else if (read > 0) {
                        writeState();
                    }
                } catch (SQLException | RuntimeException e) {
                    if (backend.shared()) {
                        c.rollback();
                    }
                    throw e;
                } finally {
                    if (backend.shared()) {
                        c.setAutoCommit(true);
                    }
                }
                total += read;
            } while (read == FOLLOW_BATCH);
            return total;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the changes to index", e);
        } finally {
            following.unlock();
        }
    }

    private boolean lockSharedPosition(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT position, generation FROM search_position" + " WHERE backend = ? FOR UPDATE SKIP LOCKED")) {
            ps.setString(1, backend.kind());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                position = rs.getLong(1);
                generation = rs.getLong(2);
                return true;
            }
        }
    }

    /** Reads one batch of audit records after the position and applies them; returns how many it read. */
    private int batch(Connection c) throws SQLException {
        Set<String> changed = new LinkedHashSet<>();
        long last = position;
        int read = 0;
        // evaluations and policy verdicts are recorded against versions but change nothing that is indexed
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, CASE WHEN action LIKE 'evaluation.%' OR action ="
                + " 'version.transition.blocked' THEN 'unindexed' ELSE object_type END, object_id::text FROM"
                + " audit_event WHERE seq > ? ORDER BY seq LIMIT " + FOLLOW_BATCH)) {
            ps.setLong(1, position);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read++;
                    last = rs.getLong(1);
                    String type = switch (rs.getString(2)) {
                        case "model" -> CatalogDocuments.MODEL;
                        case "model_version" -> CatalogDocuments.VERSION;
                        case "artifact" -> CatalogDocuments.ARTIFACT;
                        default -> null;
                    };
                    if (type != null) {
                        changed.add(type + ":" + rs.getString(3));
                    }
                }
            }
        }
        if (read > 0) {
            apply(c, changed);
            position = last;
        }
        return read;
    }

    private void apply(Connection c, Set<String> changed) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        // committed (the position written next must never be ahead of the index on disk) and refreshed, so the
        // change is searchable as soon as the batch ends, not at the readers' next periodic reopen
        try (SearchSession session = mapping.createSessionWithOptions()
                .indexingPlanSynchronizationStrategy(IndexingPlanSynchronizationStrategy.sync())
                .build()) {
            var plan = session.indexingPlan();
            for (String key : changed) {
                String type = key.substring(0, key.indexOf(':'));
                UUID id = UUID.fromString(key.substring(key.indexOf(':') + 1));
                CatalogDocument d = CatalogDocuments.one(c, type, id);
                if (d == null) {
                    plan.purge(CatalogDocument.class, key, null);
                } else {
                    d.generation = generation;
                    plan.addOrUpdate(d);
                }
                if (type.equals(CatalogDocuments.MODEL) && d != null) {
                    CatalogDocuments.ofModel(c, id, child -> {
                        child.generation = generation;
                        plan.addOrUpdate(child);
                    });
                }
            }
        }
    }

    /** Re-reads every model, version and artifact, then removes documents the rebuild did not write. */
    void rebuild() {
        if (!rebuilding.tryLock()) {
            return;
        }
        long started = System.nanoTime();
        long next = generation + 1;
        OffsetDateTime startedAt = status.startedAt() == null ? OffsetDateTime.now(ZoneOffset.UTC) : status.startedAt();
        try (Connection c = dataSource.getConnection()) {
            long from;
            following.lock(); // no follower batch straddles the switch
            try {
                generation = next; // what the follower writes from now on is current too
                from = maxSeq(c); // the changes after this are applied again once the rebuild is done
                if (backend.shared()) {
                    writeState(); // the other servers' followers write the new generation too
                }
            } finally {
                following.unlock();
            }
            long total = countAll(c);
            long[] indexed = {0};
            for (String type : List.of(CatalogDocuments.MODEL, CatalogDocuments.VERSION, CatalogDocuments.ARTIFACT)) {
                String after = null;
                do {
                    List<CatalogDocument> page = new ArrayList<>(PAGE);
                    after = CatalogDocuments.page(c, type, after, PAGE, page::add);
                    try (SearchSession session = mapping.createSessionWithOptions()
                            .indexingPlanSynchronizationStrategy(IndexingPlanSynchronizationStrategy.async())
                            .build()) {
                        for (CatalogDocument d : page) {
                            d.generation = next;
                            session.indexingPlan().addOrUpdate(d);
                        }
                    }
                    indexed[0] += page.size();
                    double seconds = (System.nanoTime() - started) / 1e9;
                    status = new ReindexStatusDto(
                            "RUNNING",
                            next,
                            startedAt,
                            null,
                            indexed[0],
                            total,
                            indexed[0] / Math.max(seconds, 1e-3),
                            0,
                            null,
                            position);
                } while (after != null);
            }
            try (SearchSession session = mapping.createSession()) {
                session.workspace().flush();
                session.workspace().mergeSegments(); // fewer segments: cheaper scoring and facets
                session.workspace().refresh();
            }
            long removed = removeOlderThan(next);
            position = Math.min(position, from);
            writeState();
            double seconds = (System.nanoTime() - started) / 1e9;
            status = new ReindexStatusDto(
                    "DONE",
                    next,
                    startedAt,
                    OffsetDateTime.now(ZoneOffset.UTC),
                    indexed[0],
                    total,
                    indexed[0] / Math.max(seconds, 1e-3),
                    removed,
                    null,
                    position);
            LOG.info(() -> String.format(
                    "Search index rebuilt: %d documents in %.1f s, %d stale removed",
                    status.indexed(), seconds, status.removed()));
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Rebuilding the search index failed", e);
            status = new ReindexStatusDto(
                    "FAILED",
                    next,
                    startedAt,
                    OffsetDateTime.now(ZoneOffset.UTC),
                    status.indexed(),
                    status.total(),
                    0,
                    0,
                    String.valueOf(e.getMessage()),
                    position);
        } finally {
            rebuilding.unlock();
        }
    }

    private long removeOlderThan(long current) {
        long removed = 0;
        try (SearchSession session = mapping.createSessionWithOptions()
                .indexingPlanSynchronizationStrategy(IndexingPlanSynchronizationStrategy.writeSync())
                .build()) {
            List<String> stale = session.search(CatalogDocument.class)
                    .select(f -> f.id(String.class))
                    .where(f -> f.range().field("generation").lessThan(current))
                    .fetchAllHits();
            for (String key : stale) {
                session.indexingPlan().purge(CatalogDocument.class, key, null);
                removed++;
            }
        }
        return removed;
    }

    public long count() {
        try (SearchSession session = mapping.createSession()) {
            return session.search(CatalogDocument.class)
                    .where(f -> f.matchAll())
                    .fetchTotalHitCount();
        }
    }

    private long maxSeq() {
        try (Connection c = dataSource.getConnection()) {
            return maxSeq(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean databaseHasModels() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM model)");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long maxSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM audit_event");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long countAll(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT count(*) FROM model) + (SELECT count(*) FROM"
                        + " model_version) + (SELECT count(*) FROM artifact)");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Properties readState() {
        if (backend.shared()) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT format, position, generation FROM search_position WHERE backend = ?")) {
                ps.setString(1, backend.kind());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    Properties p = new Properties();
                    p.setProperty("format", Integer.toString(rs.getInt(1)));
                    p.setProperty("position", Long.toString(rs.getLong(2)));
                    p.setProperty("generation", Long.toString(rs.getLong(3)));
                    return p;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the shared search position", e);
            }
        }
        Path file = directory.resolve("state.properties");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return p;
        } catch (IOException e) {
            return null;
        }
    }

    private synchronized void writeState() {
        if (backend.shared()) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO search_position (backend, position, generation, format) VALUES (?, ?, ?, ?)"
                                    + " ON CONFLICT (backend) DO UPDATE SET position = EXCLUDED.position,"
                                    + " generation = EXCLUDED.generation, format = EXCLUDED.format")) {
                ps.setString(1, backend.kind());
                ps.setLong(2, position);
                ps.setLong(3, generation);
                ps.setInt(4, FORMAT);
                ps.executeUpdate();
                return;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot write the shared search position", e);
            }
        }
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(FORMAT));
        p.setProperty("position", Long.toString(position));
        p.setProperty("generation", Long.toString(generation));
        try {
            var text = new StringWriter();
            p.store(text, "search index: format, last applied audit seq, generation");
            AtomicFiles.write(directory.resolve("state.properties"), text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the search index state in " + directory, e);
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
        SegmentSearcher.Result result;
        IndexReader reader = mapping.scope(CatalogDocument.class)
                .extension(LuceneExtension.get())
                .openIndexReader();
        try (reader) {
            result = segmentSearcher.search(reader, query, spec.luceneSort(), offset, limit, maxFacetValues);
        } catch (IndexSearcher.TooManyClauses e) {
            throw tooMany();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (offset + limit <= SegmentSearcher.MAX_CACHED_RANK) {
            recent.record(spec); // only searches that worked are asked again
        }
        return result;
    }

    /**
     * Every {@value #WARM_MILLIS} ms: when the index holds large segments not yet prepared (all of them after a
     * start, a rebuild's, a merge's), asks the recent searches on them, the most asked first, so that users' next
     * searches find their results kept. The recent searches are saved beside the index every minute and at stop,
     * so that a restarted server prepares its segments too.
     */
    void warm() {
        IndexReader reader = mapping.scope(CatalogDocument.class)
                .extension(LuceneExtension.get())
                .openIndexReader();
        try (reader) {
            if (segmentSearcher.hasUnwarmed(reader)) {
                List<SegmentSearcher.Warming> searches = new ArrayList<>();
                for (RecentSearches.Entry e : recent.mostAskedFirst()) {
                    searches.add(new SegmentSearcher.Warming(
                            e.spec().toQuery(searchAnalyzer),
                            e.spec().luceneSort(),
                            e.spec().depth()));
                }
                long t0 = System.nanoTime();
                int segments = segmentSearcher.warm(reader, searches);
                long took = (System.nanoTime() - t0) / 1_000_000;
                if (segments > 0 && !searches.isEmpty()) {
                    LOG.log(
                            took >= 1000 ? Level.INFO : Level.FINE,
                            () -> String.format(
                                    "Prepared %d new index segment(s) with %d recent searches in %d ms",
                                    segments, searches.size(), took));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (System.nanoTime() - recentSavedAt > SAVE_NANOS) {
            recentSavedAt = System.nanoTime();
            recent.save();
        }
    }

    /** Runs a query with a session of its own. */
    public <T> T query(Function<SearchSession, T> work) {
        try (SearchSession session = mapping.createSession()) {
            return work.apply(session);
        }
    }
}
