package org.modelregistry.infrastructure.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;

/**
 * Applies the audit log to the index in order: reads the records after the {@link IndexState} position in batches,
 * re-reads each changed model, version or artifact from the database and writes (or purges) its document, then
 * stores the new position. With a shared index the position lives in the database and one server at a time applies
 * a batch, holding its row.
 */
final class IndexFollower {

    private static final int BATCH = 2_000;

    private final DataSource dataSource;
    private final SearchMapping mapping;
    private final SearchBackend backend;
    private final IndexState state;
    private final SemanticIndex semantic;
    private final ReentrantLock following = new ReentrantLock();

    IndexFollower(
            DataSource dataSource,
            SearchMapping mapping,
            SearchBackend backend,
            IndexState state,
            SemanticIndex semantic) {
        this.dataSource = dataSource;
        this.mapping = mapping;
        this.backend = backend;
        this.state = state;
        this.semantic = semantic;
    }

    /** Waits for the batch being applied and holds off the next one (a rebuild switching generations). */
    void pause() {
        following.lock();
    }

    void resume() {
        following.unlock();
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
        // evaluations and policy verdicts are recorded against versions but change nothing that is indexed
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, CASE WHEN action LIKE 'evaluation.%' OR action ="
                + " 'version.transition.blocked' THEN 'unindexed' ELSE object_type END, object_id::text FROM"
                + " audit_event WHERE seq > ? ORDER BY seq LIMIT " + BATCH)) {
            ps.setLong(1, state.position());
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
            state.position(last);
        }
        return read;
    }

    private void apply(Connection c, Set<String> changed) throws SQLException {
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
            List<CatalogDocument> documents = new ArrayList<>();
            for (String key : changed) {
                String type = key.substring(0, key.indexOf(':'));
                UUID id = UUID.fromString(key.substring(key.indexOf(':') + 1));
                CatalogDocument d = CatalogDocuments.one(c, type, id);
                if (d == null) {
                    plan.purge(CatalogDocument.class, key, null);
                } else {
                    documents.add(d);
                }
                if (type.equals(CatalogDocuments.MODEL) && d != null) {
                    CatalogDocuments.ofModel(c, id, documents::add);
                }
            }
            semantic.attach(
                    c, documents); // models get their stored vectors; stale ones are queued, never embedded here
            for (CatalogDocument d : documents) {
                d.generation = generation;
                plan.addOrUpdate(d);
            }
        }
    }

    /**
     * Writes these models' documents again, read afresh from the database with their stored vectors (the embedding
     * worker, once it stored them). Holds the follower's lock, so that it never interleaves with a batch: a document
     * read before a change cannot overwrite the document of the change.
     */
    void rewrite(Collection<UUID> modelIds) throws SQLException {
        following.lock();
        try (Connection c = dataSource.getConnection();
                SearchSession session = mapping.createSessionWithOptions()
                        .indexingPlanSynchronizationStrategy(IndexingPlanSynchronizationStrategy.sync())
                        .build()) {
            List<CatalogDocument> documents = new ArrayList<>();
            for (UUID id : modelIds) {
                CatalogDocument d = CatalogDocuments.one(c, CatalogDocuments.MODEL, id);
                if (d != null) {
                    documents.add(d);
                }
            }
            semantic.attach(c, documents);
            long generation = state.generation();
            for (CatalogDocument d : documents) {
                d.generation = generation;
                session.indexingPlan().addOrUpdate(d);
            }
        } finally {
            following.unlock();
        }
    }
}
