package org.modelregistry.infrastructure.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.modelregistry.infrastructure.persistence.CoalescedRun;
import org.modelregistry.infrastructure.search.embedding.CardText;
import org.modelregistry.infrastructure.search.embedding.Embedder;
import org.modelregistry.infrastructure.search.embedding.EmbeddingStore;
import org.modelregistry.infrastructure.storage.BlobStore;

/**
 * The semantic half of the index: loads the embedding model in the background (never holding start-up or
 * readiness back), and embeds models after commit, off the follower's path. The follower and the rebuild write
 * documents as before and hand their models to {@link #attach}: a model whose stored vector (table {@code
 * search_embedding}) matches its text and the current embedding model gets it in its document; any other is queued.
 * The worker embeds the queue in batches of {@value #BATCH}, stores the vectors (one server of a cluster embeds a text,
 * the others find it stored), then asks the follower to write those models' documents again ({@link
 * IndexFollower#rewrite}), serialised with its own batches and read afresh from the database, so that an older
 * document never overwrites a newer one. A sweep of the index queues every model whose document lacks a vector of
 * the current model: after the model loads, after a change of model, and whenever the worker is idle at a follow.
 */
final class SemanticIndex {

    private static final Logger LOG = Logger.getLogger(SemanticIndex.class.getName());
    static final int BATCH = 32;
    private static final int SWEEP = 10_000;
    /** A log line, where the worker's time went, every so many models embedded. */
    private static final int REPORT_EVERY = 5_000;

    private final DataSource dataSource;
    private final SearchMapping mapping;
    private final String modelName;
    private final String model;
    private final int threads;
    private final Path workDirectory;
    private final BlobStore blobs;
    private final Set<UUID> queue = new LinkedHashSet<>();
    private final CoalescedRun work = new CoalescedRun();
    private Executor executor;
    private IndexFollower follower;
    private volatile Embedder embedder;
    private volatile long loadMillis = -1;
    private volatile long embedded;
    private volatile double embedSeconds;
    // where a batch's time goes (the worker's thread only): reading the texts, the model, storing, the index
    private long reportedAt;
    private final double[] stepSeconds = new double[4];
    private volatile boolean draining;
    /** Does this server look for models to embed (with a shared index, the one server following it)? */
    private final BooleanSupplier sweeps;

    /** Null model name: semantic search is off (no vectors are attached, nothing is queued). */
    SemanticIndex(
            DataSource dataSource,
            SearchMapping mapping,
            String modelName,
            int threads,
            Path workDirectory,
            BlobStore blobs,
            BooleanSupplier sweeps) {
        this.sweeps = sweeps;
        this.dataSource = dataSource;
        this.blobs = blobs;
        this.mapping = mapping;
        this.modelName = modelName;
        this.model = modelName == null ? null : Embedder.modelId(modelName);
        this.threads = threads;
        this.workDirectory = workDirectory;
    }

    boolean enabled() {
        return model != null;
    }

    /** Is the model loaded, so that queries can be embedded? */
    boolean ready() {
        return embedder != null;
    }

    /** The current embedding model (name@version), or null when semantic search is off. */
    String model() {
        return model;
    }

    /** How long the model took to load (ms), or -1 while it loads. */
    long loadMillis() {
        return loadMillis;
    }

    /** Models embedded by this server since start, and the seconds spent embedding them. */
    String throughput() {
        return String.format("%d models in %.1f s", embedded, embedSeconds);
    }

    /** Starts loading the model on the executor; the worker runs there too. */
    void start(Executor executor, IndexFollower follower) {
        this.executor = executor;
        this.follower = follower;
        if (!enabled()) {
            return;
        }
        executor.execute(() -> {
            long started = System.nanoTime();
            try {
                embedder = Embedder.load(modelName, threads, workDirectory);
                loadMillis = (System.nanoTime() - started) / 1_000_000;
                LOG.info(() -> "Embedding model " + model + " loaded in " + loadMillis + " ms");
                sweep();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.SEVERE, "Loading the embedding model " + model + " failed: semantic search is off", e);
            }
        });
    }

    void stop() {
        Embedder e = embedder;
        embedder = null;
        if (e != null) {
            e.close();
        }
    }

    /** The vector of a query, or null when it is blank; the model must be {@link #ready}. */
    float[] embed(String query) {
        Embedder e = embedder;
        if (e == null) {
            throw new IllegalStateException("the embedding model is not loaded");
        }
        return e.embed(query);
    }

    /** The stored vector of a model with the current embedding model (whatever text it came from), or null. */
    float[] vectorOf(UUID modelId) {
        if (!enabled()) {
            return null;
        }
        try (Connection c = dataSource.getConnection()) {
            return EmbeddingStore.vector(c, modelId, model);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the embedding of model " + modelId, e);
        }
    }

    /**
     * Gives the documents about to be written the vectors they have (models), and queues the models whose vector is
     * missing or stale: those documents, and the models of versions and artifacts (their metadata and model card are
     * part of the model's text).
     */
    void attach(Connection c, Collection<CatalogDocument> documents) throws SQLException {
        if (!enabled() || documents.isEmpty()) {
            return;
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (CatalogDocument d : documents) {
            ids.add(UUID.fromString(d.modelId));
        }
        Map<UUID, EmbeddingStore.Source> sources = EmbeddingStore.sources(c, ids, model);
        List<UUID> stale = new ArrayList<>();
        for (CatalogDocument d : documents) {
            if (d.type.equals(CatalogDocuments.MODEL)) {
                EmbeddingStore.Source s = sources.get(UUID.fromString(d.modelId));
                if (s != null && s.current()) {
                    d.embedding = s.vector();
                    d.embeddingModel = model;
                }
            }
        }
        sources.values().stream().filter(s -> !s.current()).forEach(s -> stale.add(s.modelId()));
        enqueue(stale);
    }

    private void enqueue(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        synchronized (queue) {
            queue.addAll(ids);
        }
        kick();
    }

    /** Runs the worker on the executor unless it runs (then it goes once more). */
    private void kick() {
        if (embedder == null || executor == null) {
            return; // the load sweeps when done
        }
        if (work.claim()) {
            try {
                executor.execute(() -> work.runClaimed(this::drain));
            } catch (RuntimeException e) {
                work.release(); // the executor is shutting down: the next start sweeps
            }
        }
    }

    /** At a follow: when the worker has nothing to do, queue what the index still lacks (a lost queue, a restart). */
    void idleSweep() {
        boolean empty;
        synchronized (queue) {
            empty = queue.isEmpty();
        }
        if (empty && !draining && embedder != null) {
            sweep();
        }
    }

    /** Queues the models whose document has no vector of the current model (on the server that sweeps). */
    void sweep() {
        if (!sweeps.getAsBoolean()) {
            return;
        }
        List<String> missing;
        try (SearchSession session = mapping.createSession()) {
            missing = session.search(CatalogDocument.class)
                    .select(f -> f.field("modelId", String.class))
                    .where(f -> f.bool()
                            .filter(f.match().field("type").matching(CatalogDocuments.MODEL))
                            .mustNot(f.match().field("embeddingModel").matching(model)))
                    .fetchHits(SWEEP);
        }
        if (!missing.isEmpty()) {
            LOG.fine(() -> missing.size() + " models lack an embedding of " + model + ": queued");
            enqueue(missing.stream().map(UUID::fromString).toList());
        }
    }

    /** Embeds the queue, a batch at a time, storing each batch and rewriting its documents before the next. */
    private void drain() {
        draining = true;
        try {
            drainQueue();
        } finally {
            draining = false;
        }
    }

    private void drainQueue() {
        while (embedder != null) {
            List<UUID> batch = new ArrayList<>(BATCH);
            synchronized (queue) {
                var it = queue.iterator();
                while (it.hasNext() && batch.size() < BATCH) {
                    batch.add(it.next());
                    it.remove();
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                embedBatch(batch);
            } catch (SQLException | RuntimeException e) {
                // dropped from the queue: the next idle sweep finds them again
                LOG.log(Level.WARNING, "Embedding " + batch.size() + " models failed; a later sweep retries", e);
                return;
            }
        }
    }

    private void embedBatch(List<UUID> batch) throws SQLException {
        long t0 = System.nanoTime();
        long t1 = t0;
        long t2 = t0;
        try (Connection c = dataSource.getConnection()) {
            Map<UUID, EmbeddingStore.Source> sources = EmbeddingStore.sources(c, batch, model);
            List<EmbeddingStore.Source> toEmbed =
                    sources.values().stream().filter(s -> !s.current()).toList();
            List<String> texts = new ArrayList<>(toEmbed.size());
            for (EmbeddingStore.Source s : toEmbed) {
                String cardSha256 = s.text().cardSha256();
                texts.add(s.text().with(cardSha256 == null ? null : card(cardSha256)));
            }
            t1 = System.nanoTime();
            t2 = t1;
            if (!toEmbed.isEmpty()) {
                float[][] vectors = embedder.embed(texts);
                t2 = System.nanoTime();
                embedSeconds += (t2 - t1) / 1e9;
                embedded += toEmbed.size();
                Map<EmbeddingStore.Source, float[]> stored = new LinkedHashMap<>();
                for (int i = 0; i < toEmbed.size(); i++) {
                    if (vectors[i] != null) {
                        stored.put(toEmbed.get(i), vectors[i]);
                    }
                }
                EmbeddingStore.store(c, model, stored);
            }
        }
        long t3 = System.nanoTime();
        follower.rewrite(batch);
        long t4 = System.nanoTime();
        stepSeconds[0] += (t1 - t0) / 1e9;
        stepSeconds[1] += (t2 - t1) / 1e9;
        stepSeconds[2] += (t3 - t2) / 1e9;
        stepSeconds[3] += (t4 - t3) / 1e9;
        if (embedded - reportedAt >= REPORT_EVERY) {
            reportedAt = embedded;
            double total = stepSeconds[0] + stepSeconds[1] + stepSeconds[2] + stepSeconds[3];
            LOG.info(String.format(
                    Locale.ROOT,
                    "Embedded %d models since start, %.1f a second of the worker's time: reading their texts %.0f %%,"
                            + " the model %.0f %%, storing the vectors %.0f %%, writing the documents %.0f %%",
                    embedded,
                    embedded / Math.max(total, 1e-9),
                    100 * stepSeconds[0] / total,
                    100 * stepSeconds[1] / total,
                    100 * stepSeconds[2] / total,
                    100 * stepSeconds[3] / total));
        }
    }

    /**
     * The words of a model card from the artifact store ({@link CardText}: nothing for content that is not text), or
     * null when it cannot be read now: the model is then embedded without it, loudly, under the hash that names the
     * card (retrying at once would loop on a card that stays unreadable); a new card, or a change of embedding model,
     * embeds it again.
     */
    private String card(String sha256) {
        if (blobs == null) {
            return null;
        }
        try (InputStream content = blobs.open(sha256, 0, CardText.MAX_BYTES)) {
            return CardText.of(content);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Model card " + sha256 + " could not be read: its model is embedded without it", e);
            return null;
        }
    }
}
