package org.modelregistry.infrastructure.cache;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;

/**
 * The protocol of the registry's read caches on the cluster's JCache ({@link CatalogCache}, {@link CallerCache}): read
 * through, and emptied on every server by the committing thread once a change commits, before its request returns.
 *
 * <p>A reader that loaded the old row just before a commit must not put it back after the commit emptied the entry.
 * Each entry therefore carries an epoch: emptying writes a new epoch without a value, and a reader only fills the
 * entry if it still holds the epoch it saw before it read the database ({@code replace(key, seen, filled)}). A
 * reader that loses that race answers what it read (its read began before the commit) and leaves the entry empty.
 * A reader inside a transaction fills the entry only once that transaction commits, so that nothing a rolled-back
 * transaction read (its own uncommitted change included) is ever kept.
 * When the cluster cannot answer, reads go to the database and the request does not fail.
 *
 * <p>Values are kept as their JSON (JSON-B), so that any member can hold and compare them without the application's
 * classes.
 */
final class EpochSlots {

    private static final Logger LOG = Logger.getLogger(EpochSlots.class.getName());
    private static final SecureRandom EPOCHS = new SecureRandom();

    private final Function<String, Cache<String, String>> caches;
    private final Supplier<TransactionSynchronizationRegistry> transactions;
    private final String pendingResource;
    private final Jsonb json = JsonbBuilder.create();

    /**
     * @param caches the cluster's caches by name
     * @param pendingResource the name under which a transaction keeps the entries it changed (one per user of this
     *     class, so that each empties its own)
     */
    EpochSlots(
            Function<String, Cache<String, String>> caches,
            Supplier<TransactionSynchronizationRegistry> transactions,
            String pendingResource) {
        this.caches = caches;
        this.transactions = transactions;
        this.pendingResource = pendingResource;
    }

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

    /**
     * The cached value of {@code key} in cache {@code name}, else what {@code load} reads (then kept).
     *
     * <p>Inside a transaction, what was read is kept only once that transaction commits, and never when it changed
     * the entry itself: a transaction can read its own uncommitted change, which must not outlive a rollback. An entry
     * the current transaction changed is read from the database, not the cache (the cache holds what was committed
     * before).
     */
    <V> Optional<V> read(
            String name, String key, Class<V> type, Supplier<Optional<V>> load, AtomicLong hits, AtomicLong misses) {
        Pending transaction = pending(false);
        if (transaction != null && transaction.changed.contains(entry(name, key))) {
            return load.get();
        }
        Cache<String, String> cache;
        Slot seen;
        try {
            cache = caches.apply(name);
            seen = Slot.of(cache.get(key));
            if (seen != null && seen.value() != null) {
                hits.incrementAndGet();
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
        misses.incrementAndGet();
        Optional<V> loaded = load.get();
        if (seen != null && loaded.isPresent()) {
            Fill fill = new Fill(name, key, seen.text(), new Slot(seen.epoch(), json.toJson(loaded.get())).text());
            Pending open = transaction != null ? transaction : pending(true);
            if (open == null) {
                fill(fill);
            } else {
                open.fills.add(fill);
            }
        }
        return loaded;
    }

    /** Empties an entry on every server once the current transaction commits (nothing when it rolls back). */
    void emptyAfterCommit(String name, String key) {
        Pending transaction = pending(true);
        if (transaction == null) {
            empty(entry(name, key)); // no transaction: the change is already written
        } else {
            transaction.changed.add(entry(name, key));
        }
    }

    /**
     * What the current transaction changed and read, acted on once it commits (nothing when it rolls back): first
     * the changed entries are emptied, then the entries read are filled, except those the transaction changed.
     */
    private static final class Pending {
        final Set<String> changed = new LinkedHashSet<>();
        final List<Fill> fills = new ArrayList<>();
    }

    /** A value read from the database, to be kept if its entry still holds the epoch seen before the read. */
    private record Fill(String name, String key, String seen, String filled) {}

    /** The current transaction's pending work ({@code create}: made and registered if none), or null outside one. */
    private Pending pending(boolean create) {
        TransactionSynchronizationRegistry registry = transactions.get();
        if (registry == null || registry.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            return null;
        }
        Pending pending = (Pending) registry.getResource(pendingResource);
        if (pending == null && create) {
            Pending created = new Pending();
            registry.putResource(pendingResource, created);
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // nothing: a rolled-back transaction leaves the caches as they are
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        created.changed.forEach(EpochSlots.this::empty);
                        for (Fill fill : created.fills) {
                            if (!created.changed.contains(entry(fill.name(), fill.key()))) {
                                fill(fill);
                            }
                        }
                    }
                }
            });
            pending = created;
        }
        return pending;
    }

    private void fill(Fill fill) {
        try {
            caches.apply(fill.name()).replace(fill.key(), fill.seen(), fill.filled());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, e, () -> "cache " + fill.name() + " not filled");
        }
    }

    private static String entry(String name, String key) {
        return name + "|" + key;
    }

    /** Writes a new epoch without a value, retried once: a failure leaves a stale entry, so it is logged loudly. */
    private void empty(String entry) {
        int bar = entry.indexOf('|');
        String name = entry.substring(0, bar);
        String key = entry.substring(bar + 1);
        for (int attempt = 1; ; attempt++) {
            try {
                caches.apply(name).put(key, Slot.empty().text());
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
