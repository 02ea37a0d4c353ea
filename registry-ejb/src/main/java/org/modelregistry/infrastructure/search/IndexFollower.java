package org.modelregistry.infrastructure.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.hibernate.search.engine.backend.work.execution.DocumentCommitStrategy;
import org.hibernate.search.engine.backend.work.execution.DocumentRefreshStrategy;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;

/**
 * Applies the audit log to the index in order: reads the records after the {@link IndexState} position in batches,
 * re-reads each changed model, version or artifact from the database and writes (or purges) its document, writes the
 * records' own documents ({@link AuditDocuments}), then stores the new position. With a shared index the position
 * lives in the database and one server at a time applies a batch, holding its row.
 */
final class IndexFollower {

    private static final int BATCH = 2_000;

    private final DataSource dataSource;
    private final SearchMapping mapping;
    private final SearchBackend backend;
    private final IndexState state;
    private final SemanticIndex semantic;
    private final AuditDocuments audit;
    private final ReentrantLock following = new ReentrantLock();
    private volatile CompletableFuture<?> rewriting = CompletableFuture.completedFuture(null);
    private final Map<String, AtomicLong> written = new ConcurrentHashMap<>();

    IndexFollower(
            DataSource dataSource,
            SearchMapping mapping,
            SearchBackend backend,
            IndexState state,
            SemanticIndex semantic,
            AuditDocuments audit) {
        this.dataSource = dataSource;
        this.mapping = mapping;
        this.backend = backend;
        this.state = state;
        this.semantic = semantic;
        this.audit = audit;
    }

    /**
     * Waits for the batch being applied and for the last rewrite's documents to reach the index, and holds off the next
     * ones (a rebuild switching generations).
     */
    void pause() {
        following.lock();
        awaitRewritten();
    }

    void resume() {
        following.unlock();
    }

    /** How many documents of a type ({@code model}, {@code version}, {@code artifact}) batches wrote since start. */
    long written(String type) {
        AtomicLong n = written.get(type);
        return n == null ? 0 : n.get();
    }

    /** Applies the changes recorded since the last applied sequence number; returns how many records it read. */
    int follow() {
        // waits rather than skips: the embedding worker's rewrites hold the lock for a moment, and a skipped run
        // would leave a commit's changes to the next safety poll
        following.lock();
        try (Connection c = dataSource.getConnection()) {
            int total = 0;
            int read;
            do {
                if (backend.shared()) {
                    c.setAutoCommit(false);
                    if (!state.lockShared(c)) {
                        c.rollback();
                        c.setAutoCommit(true);
                        break; // another server is applying this batch
                    }
                }
                try {
                    read = batch(c);
                    if (backend.shared()) {
                        state.saveShared(c);
                        c.commit();
                    } else if (read > 0) {
                        state.save();
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
            } while (read == BATCH);
            return total;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the changes to index", e);
        } finally {
            following.unlock();
        }
    }

    /** Reads one batch of audit records after the position and applies them; returns how many it read. */
    private int batch(Connection c) throws SQLException {
        Set<String> changed = new LinkedHashSet<>();
        long last = state.position();
        int read = 0;
        Set<UUID> copiesChanged = new HashSet<>();
        // evaluations, policy verdicts and alias moves are recorded against versions and models but change nothing
        // that is indexed; a model's change reaches its versions' and artifacts' documents only when it changed a
        // field they copy (a description edit rewrites one document, not the thousand of a model's versions): only an
        // update whose recorded changes name none of them is known not to, anything else is taken to
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, CASE WHEN action LIKE 'evaluation.%' OR action ="
                + " 'version.transition.blocked' OR action LIKE 'alias.%' THEN 'unindexed' ELSE object_type END,"
                + " object_id::text, NOT (action = 'model.updated' AND jsonb_typeof(details->'changes') = 'object'"
                + " AND NOT EXISTS (SELECT 1 FROM jsonb_object_keys(details->'changes') k WHERE k = ANY(?)))"
                + " FROM audit_event WHERE seq > ? ORDER BY seq LIMIT " + BATCH)) {
            ps.setArray(1, c.createArrayOf("text", CatalogDocuments.COPIED_MODEL_FIELDS.toArray()));
            ps.setLong(2, state.position());
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
                        if (type.equals(CatalogDocuments.MODEL) && rs.getBoolean(4)) {
                            copiesChanged.add(UUID.fromString(rs.getString(3)));
                        }
                    }
                }
            }
        }
        if (read > 0) {
            apply(c, changed, copiesChanged);
            audit.follow(c, state.position(), last, state.generation()); // the records themselves, for audit search
            state.position(last);
        }
        return read;
    }

    private void apply(Connection c, Set<String> changed, Set<UUID> copiesChanged) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        long generation = state.generation();
        // committed (the position written next must never be ahead of the index on disk) and refreshed, so the
        // change is searchable as soon as the batch ends, not at the readers' next periodic reopen
        try (SearchSession session = mapping.createSessionWithOptions()
                .indexingPlanSynchronizationStrategy(IndexingPlanSynchronizationStrategy.sync())
                .build()) {
            var plan = session.indexingPlan();
            // the documents of a batch, one statement per type (not one per changed object)
            Map<String, List<UUID>> idsByType = new HashMap<>();
            for (String key : changed) {
                idsByType
                        .computeIfAbsent(key.substring(0, key.indexOf(':')), t -> new ArrayList<>())
                        .add(UUID.fromString(key.substring(key.indexOf(':') + 1)));
            }
            Map<String, CatalogDocument> fetched = new HashMap<>();
            for (Map.Entry<String, List<UUID>> ids : idsByType.entrySet()) {
                fetched.putAll(CatalogDocuments.some(c, ids.getKey(), ids.getValue()));
            }
            List<CatalogDocument> documents = new ArrayList<>();
            for (String key : changed) {
                String type = key.substring(0, key.indexOf(':'));
                UUID id = UUID.fromString(key.substring(key.indexOf(':') + 1));
                CatalogDocument d = fetched.get(key);
                if (d == null) {
                    plan.purge(CatalogDocument.class, key, null);
                } else {
                    documents.add(d);
                }
                if (d != null && copiesChanged.contains(id)) {
                    CatalogDocuments.ofModel(c, id, documents::add);
                }
            }
            semantic.attach(
                    c, documents); // models get their stored vectors; stale ones are queued, never embedded here
            for (CatalogDocument d : documents) {
                d.generation = generation;
                plan.addOrUpdate(d);
                written.computeIfAbsent(d.type, t -> new AtomicLong()).incrementAndGet();
            }
        }
    }

    /**
     * Writes these models' documents again, read afresh from the database with their stored vectors (the embedding
     * worker, once it stored them). Reads them and hands them to the index under the follower's lock, so that it never
     * interleaves with a batch (the index applies work in the order it was handed over: a document read before a
     * change cannot overwrite the document of the change), but waits for the index outside it, and neither commits nor
     * reopens the readers itself (the backend commits within a second, readers reopen on their own interval): a
     * follower batch, which a fresh version waits on to be searchable, never queues behind a vector's commit.
     */
    void rewrite(Collection<UUID> modelIds) throws SQLException {
        CompletableFuture<?> handed;
        following.lock();
        try (Connection c = dataSource.getConnection()) {
            List<CatalogDocument> documents = new ArrayList<>(
                    CatalogDocuments.some(c, CatalogDocuments.MODEL, modelIds).values());
            semantic.attach(c, documents);
            long generation = state.generation();
            CompletableFuture<Object> handedOver = new CompletableFuture<>();
            try (SearchSession session = mapping.createSessionWithOptions()
                    .indexingPlanSynchronizationStrategy(context -> {
                        context.documentCommitStrategy(DocumentCommitStrategy.NONE);
                        context.documentRefreshStrategy(DocumentRefreshStrategy.NONE);
                        context.indexingFutureHandler(f -> f.whenComplete((report, failure) -> {
                            if (failure != null) {
                                handedOver.completeExceptionally(failure);
                            } else if (report.throwable().isPresent()) {
                                handedOver.completeExceptionally(
                                        report.throwable().get());
                            } else {
                                handedOver.complete(report);
                            }
                        }));
                    })
                    .build()) {
                for (CatalogDocument d : documents) {
                    d.generation = generation;
                    session.indexingPlan().addOrUpdate(d);
                }
            }
            handed = documents.isEmpty() ? CompletableFuture.completedFuture(null) : handedOver;
            rewriting = handed;
        } finally {
            following.unlock();
        }
        try {
            handed.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("cannot write " + modelIds.size() + " models' vectors to the index", e);
        }
    }

    /** Waits (holding the lock) until the last rewrite handed over is in the index; its failure is the worker's. */
    private void awaitRewritten() {
        try {
            rewriting.join();
        } catch (CompletionException | CancellationException e) {
            // reported to the worker, which leaves those models to a later sweep
        }
    }
}
