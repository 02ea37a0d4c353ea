package org.modelregistry.infrastructure.cache;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The cluster's read cache of models and versions by id (JCache on the Hazelcast member), read through: a miss loads
 * from PostgreSQL. A committed change empties the entry on every server before the change's request returns (the
 * committing thread does it, after the commit), so no server serves the old value once the write has answered.
 *
 * <p>A reader that loaded the old row just before a commit must not put it back after the commit emptied the entry.
 * Each entry therefore carries an epoch: emptying writes a new epoch without a value, and a reader only fills the
 * entry if it still holds the epoch it saw before it read the database ({@code replace(key, seen, filled)}). A
 * reader that loses that race answers what it read (its read began before the commit) and leaves the entry empty.
 * When the cluster cannot answer, reads go to the database and the request does not fail.
 *
 * <p>Values are kept as their JSON (JSON-B), so that any member can hold and compare them without the application's
 * classes.
 * {@code registry.cache.enabled=false} turns reads from the cache off (every read from the database), for comparison;
 * changes empty entries whether reads use the cache or not.
 */
@ApplicationScoped
public class CatalogCache {

    public static final String MODELS = "registry-models";
    public static final String VERSIONS = "registry-versions";
    private static final Logger LOG = Logger.getLogger(CatalogCache.class.getName());
    private static final String PENDING = CatalogCache.class.getName() + ".pending";
    private static final SecureRandom EPOCHS = new SecureRandom();

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

    private final Jsonb json = JsonbBuilder.create();
    private final AtomicLong[] counts = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};

    /**
     * An entry: the epoch it was last emptied in, and the value's JSON (null while empty). Kept in the cache as text,
     * {@code <epoch>:<json>}, so that no member needs the application's classes to hold or compare it.
     */
    record Slot(long epoch, String value) {

        static Slot empty() {
            return new Slot(EPOCHS.nextLong(), null);
        }

        String text() {
            return epoch + ":" + (value == null ? "" : value);
        }

        static Slot of(String text) {
            if (text == null) {
                return null;
            }
            int colon = text.indexOf(':');
            String value = text.substring(colon + 1);
            return new Slot(Long.parseLong(text.substring(0, colon)), value.isEmpty() ? null : value);
        }
    }

    @PostConstruct
    void registerMetrics() {
        Metadata requests = Metadata.builder()
                .withName("registry_cache_reads")
                .withDescription("Reads of the cluster's read cache since start, by cache and result (hit or miss)")
                .build();
        metrics.gauge(requests, () -> counts[0].get(), new Tag("cache", "models"), new Tag("result", "hit"));
        metrics.gauge(requests, () -> counts[1].get(), new Tag("cache", "models"), new Tag("result", "miss"));
        metrics.gauge(requests, () -> counts[2].get(), new Tag("cache", "versions"), new Tag("result", "hit"));
        metrics.gauge(requests, () -> counts[3].get(), new Tag("cache", "versions"), new Tag("result", "miss"));
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
        afterCommit(MODELS + "|" + id);
    }

    /** Empties a version's entry on every server once the current transaction commits. */
    public void versionChanged(UUID modelId, String version) {
        afterCommit(VERSIONS + "|" + versionKey(modelId, version));
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
        Cache<String, String> cache;
        Slot seen;
        try {
            cache = member.cache(name);
            seen = Slot.of(cache.get(key));
            if (seen != null && seen.value() != null) {
                counts[counter].incrementAndGet();
                return Optional.of(json.fromJson(seen.value(), type));
            }
            if (seen == null) {
                Slot lease = Slot.empty();
                seen = cache.putIfAbsent(key, lease.text()) ? lease : null;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, e, () -> "cache " + name + " unavailable; reading from the database");
            return load.get();
        }
        counts[counter + 1].incrementAndGet();
        Optional<V> loaded = load.get();
        if (seen != null && loaded.isPresent()) {
            try {
                cache.replace(key, seen.text(), new Slot(seen.epoch(), json.toJson(loaded.get())).text());
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, e, () -> "cache " + name + " not filled");
            }
        }
        return loaded;
    }

    @SuppressWarnings("unchecked")
    private void afterCommit(String entry) {
        Set<String> pending = (Set<String>) transactions.getResource(PENDING);
        if (pending == null) {
            Set<String> keys = new LinkedHashSet<>();
            transactions.putResource(PENDING, keys);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // nothing: a rolled-back change leaves the caches as they are
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        keys.forEach(CatalogCache.this::empty);
                    }
                }
            });
            pending = keys;
        }
        pending.add(entry);
    }

    /** Writes a new epoch without a value, retried once: a failure leaves a stale entry, so it is logged loudly. */
    private void empty(String entry) {
        int bar = entry.indexOf('|');
        String name = entry.substring(0, bar);
        String key = entry.substring(bar + 1);
        for (int attempt = 1; ; attempt++) {
            try {
                member.<String, String>cache(name).put(key, Slot.empty().text());
                return;
            } catch (RuntimeException e) {
                if (attempt == 2) {
                    LOG.log(Level.WARNING, e, () -> "could not empty " + name + " " + key + " after a change");
                    return;
                }
            }
        }
    }
}
