package org.modelregistry.infrastructure.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.hibernate.search.engine.search.query.SearchScroll;
import org.hibernate.search.engine.search.query.SearchScrollResult;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;
import org.modelregistry.api.search.ReindexStatusDto;

/**
 * Re-reads every model, version and artifact into a new generation of documents while searches go on, then removes
 * the documents of older generations; keeps the status the admin API shows. The follower is paused only while the
 * generation switches, and the changes made during the rebuild are applied again once it is done.
 */
final class IndexRebuild {

    private static final Logger LOG = Logger.getLogger(IndexRebuild.class.getName());
    private static final int PAGE = 1_000;
    private static final String RUNNING = "RUNNING";

    private final DataSource dataSource;
    private final SearchMapping mapping;
    private final SearchBackend backend;
    private final IndexState state;
    private final IndexFollower follower;
    private final SemanticIndex semantic;
    private final ReentrantLock rebuilding = new ReentrantLock();
    private volatile ReindexStatusDto status = new ReindexStatusDto("IDLE", 0, null, null, 0, 0, 0, 0, null, 0);

    IndexRebuild(
            DataSource dataSource,
            SearchMapping mapping,
            SearchBackend backend,
            IndexState state,
            IndexFollower follower,
            SemanticIndex semantic) {
        this.dataSource = dataSource;
        this.mapping = mapping;
        this.backend = backend;
        this.state = state;
        this.follower = follower;
        this.semantic = semantic;
    }

    /** Marks a rebuild as requested unless one is running; returns whether the caller should start it. */
    boolean request() {
        if (RUNNING.equals(status.state())) {
            return false;
        }
        status = new ReindexStatusDto(
                RUNNING,
                state.generation() + 1,
                OffsetDateTime.now(ZoneOffset.UTC),
                null,
                0,
                0,
                0,
                0,
                null,
                state.position());
        return true;
    }

    /** The status as last set (what a request answers). */
    ReindexStatusDto lastStatus() {
        return status;
    }

    /** The status with the position applied now. */
    ReindexStatusDto status() {
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
                state.position());
    }

    /** Re-reads every model, version and artifact, then removes documents the rebuild did not write. */
    void run() {
        if (!rebuilding.tryLock()) {
            return;
        }
        long started = System.nanoTime();
        long next = state.generation() + 1;
        OffsetDateTime startedAt = status.startedAt() == null ? OffsetDateTime.now(ZoneOffset.UTC) : status.startedAt();
        try (Connection c = dataSource.getConnection()) {
            long from;
            follower.pause(); // no follower batch straddles the switch
            try {
                state.generation(next); // what the follower writes from now on is current too
                from = IndexState.maxSeq(c); // the changes after this are applied again once the rebuild is done
                if (backend.shared()) {
                    state.save(); // the other servers' followers write the new generation too
                }
            } finally {
                follower.resume();
            }
            long total = countAll(c);
            long[] indexed = {0};
            // the writes of one page go on while the next is read; every write has landed (or failed the
            // rebuild) before the old generation is removed, or a removal could overtake a write (Elasticsearch)
            CompletableFuture<?> previous = CompletableFuture.completedFuture(null);
            for (String type : List.of(CatalogDocuments.MODEL, CatalogDocuments.VERSION, CatalogDocuments.ARTIFACT)) {
                String after = null;
                do {
                    List<CatalogDocument> page = new ArrayList<>(PAGE);
                    after = CatalogDocuments.page(c, type, after, PAGE, page::add);
                    semantic.attach(c, page); // vectors from the table; missing ones are queued
                    List<CompletableFuture<?>> writes = new ArrayList<>(page.size());
                    try (SearchSession session = mapping.createSessionWithOptions()
                            .indexingPlanSynchronizationStrategy(IndexingPlanSynchronizationStrategy.async())
                            .build()) {
                        for (CatalogDocument d : page) {
                            d.generation = next;
                            writes.add(session.indexer().addOrUpdate(d).toCompletableFuture());
                        }
                    }
                    previous.join();
                    previous = CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
                    indexed[0] += page.size();
                    double seconds = (System.nanoTime() - started) / 1e9;
                    status = new ReindexStatusDto(
                            RUNNING,
                            next,
                            startedAt,
                            null,
                            indexed[0],
                            total,
                            indexed[0] / Math.max(seconds, 1e-3),
                            0,
                            null,
                            state.position());
                } while (after != null);
            }
            previous.join();
            try (SearchSession session = mapping.createSession()) {
                session.workspace().flush();
                session.workspace().mergeSegments(); // fewer segments: cheaper scoring and facets
                session.workspace().refresh();
            }
            long removed = removeOlderThan(next);
            state.position(Math.min(state.position(), from));
            state.save();
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
                    state.position());
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
                    state.position());
        } finally {
            rebuilding.unlock();
        }
    }

    private long removeOlderThan(long current) {
        long removed = 0;
        try (SearchSession session = mapping.createSessionWithOptions()
                .indexingPlanSynchronizationStrategy(IndexingPlanSynchronizationStrategy.writeSync())
                .build()) {
            // scrolled: Elasticsearch and OpenSearch refuse one page deeper than their result window (10,100)
            List<String> stale = new ArrayList<>();
            try (SearchScroll<String> scroll = session.search(CatalogDocument.class)
                    .select(f -> f.id(String.class))
                    .where(f -> f.range().field("generation").lessThan(current))
                    .scroll(PAGE)) {
                for (SearchScrollResult<String> chunk = scroll.next(); chunk.hasHits(); chunk = scroll.next()) {
                    stale.addAll(chunk.hits());
                }
            }
            for (String key : stale) {
                session.indexingPlan().purge(CatalogDocument.class, key, null);
                removed++;
            }
        }
        return removed;
    }

    /** Does the database hold any model (so that an empty index needs a rebuild)? */
    boolean databaseHasModels() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM model)");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
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
}
