package org.modelregistry.infrastructure.cache;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The cluster's read cache of models and versions by id (JCache on the Hazelcast member), read through: a miss loads
 * from PostgreSQL. A committed change empties the entry on every server before the change's request returns (the
 * committing thread does it, after the commit), so no server serves the old value once the write has answered; a
 * read that raced the commit never puts the old value back ({@link EpochSlots} says how).
 *
 * <p>{@code registry.cache.enabled=false} turns reads from the cache off (every read from the database), for
 * comparison; changes empty entries whether reads use the cache or not.
 */
@ApplicationScoped
public class CatalogCache {

    public static final String MODELS = "registry-models";
    public static final String VERSIONS = "registry-versions";

    @EJB
    ClusterMember member;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "registry.cache.enabled", defaultValue = "true")
    boolean configured;

    private volatile Boolean enabled;

    private EpochSlots slots;
    private final AtomicLong[] counts = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};

    @PostConstruct
    void registerMetrics() {
        slots = new EpochSlots(
                name -> member.<String, String>cache(name),
                () -> transactions,
                CatalogCache.class.getName() + ".pending");
        metrics.gauge(CacheMetrics.READS, () -> counts[0].get(), new Tag("cache", "models"), new Tag("result", "hit"));
        metrics.gauge(CacheMetrics.READS, () -> counts[1].get(), new Tag("cache", "models"), new Tag("result", "miss"));
        metrics.gauge(
                CacheMetrics.READS, () -> counts[2].get(), new Tag("cache", "versions"), new Tag("result", "hit"));
        metrics.gauge(
                CacheMetrics.READS, () -> counts[3].get(), new Tag("cache", "versions"), new Tag("result", "miss"));
    }

    /** A model's cached value, else what {@code load} reads (then kept). */
    public <V> Optional<V> model(UUID id, Class<V> type, Supplier<Optional<V>> load) {
        return read(MODELS, id.toString(), type, load, 0);
    }

    /** A version's cached value, else what {@code load} reads (then kept). */
    public <V> Optional<V> version(UUID modelId, String version, Class<V> type, Supplier<Optional<V>> load) {
        return read(VERSIONS, versionKey(modelId, version), type, load, 2);
    }

    /** Empties a model's entry on every server once the current transaction commits. */
    public void modelChanged(UUID id) {
        slots.emptyAfterCommit(MODELS, id.toString());
    }

    /** Empties a version's entry on every server once the current transaction commits. */
    public void versionChanged(UUID modelId, String version) {
        slots.emptyAfterCommit(VERSIONS, versionKey(modelId, version));
    }

    /** Hits and misses since start: models (hit, miss), versions (hit, miss). */
    public long[] counts() {
        return new long[] {counts[0].get(), counts[1].get(), counts[2].get(), counts[3].get()};
    }

    public boolean enabled() {
        Boolean on = enabled;
        return on == null ? configured : on;
    }

    /**
     * Turns reads from the cache on or off on this server until it restarts (the benchmark compares both in one run).
     * Changes empty entries either way, so turning it back on serves nothing older than the last commit.
     */
    public void enabled(boolean on) {
        enabled = on;
    }

    private static String versionKey(UUID modelId, String version) {
        return modelId + "/" + version;
    }

    private <V> Optional<V> read(String name, String key, Class<V> type, Supplier<Optional<V>> load, int counter) {
        if (!enabled()) {
            return load.get();
        }
        return slots.read(name, key, type, load, counts[counter], counts[counter + 1]);
    }
}
