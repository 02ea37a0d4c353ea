package org.modelregistry.infrastructure.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractMap;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * State by key (a principal, a user name, a client address), bounded in bytes: keys are kept as their SHA-256 (43
 * characters whatever the caller sent, so a 1 MB user name costs what a short one does), and the store forgets the
 * least recently used keys beyond its size, so a flood of distinct keys cannot exhaust memory.
 *
 * <p>The store is the cluster's (a Hazelcast map, {@code infrastructure.cache.SharedThrottle}), so that every server
 * counts together, or a local one ({@link #local}). States are immutable values and every change is a
 * compare-and-set: {@link #update} reads the state, computes the next one, and writes it only if nobody changed it
 * meanwhile (else it starts again), which holds across servers without a lock.
 *
 * @param <V> what is kept per key (an immutable value): a token bucket, a lock-out
 */
public final class Throttle<V> {

    private static final int MAX_ATTEMPTS = 64;
    private final ConcurrentMap<String, V> entries;

    public Throttle(ConcurrentMap<String, V> entries) {
        this.entries = entries;
    }

    /** A store in this JVM only, of at most {@code maxKeys} keys. */
    public static <V> ConcurrentMap<String, V> local(int maxKeys) {
        return new LocalStore<>(maxKeys);
    }

    /**
     * Runs {@code action} on the state of {@code key} (null when there is none) and keeps the state it returns (null
     * removes it) unless another caller changed the state meanwhile, in which case it runs again on the new state.
     * {@code action} must have no other effect.
     */
    public <R> R update(String key, Function<V, Update<V, R>> action) {
        String hashed = hash(key);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            V current = entries.get(hashed);
            Update<V, R> result = action.apply(current);
            V next = result.state();
            boolean written;
            if (next == current) {
                written = true;
            } else if (current == null) {
                written = entries.putIfAbsent(hashed, next) == null;
            } else if (next == null) {
                written = entries.remove(hashed, current);
            } else {
                written = entries.replace(hashed, current, next);
            }
            if (written) {
                return result.value();
            }
        }
        throw new IllegalStateException("throttle state of one key changed " + MAX_ATTEMPTS + " times meanwhile");
    }

    /** What {@link #update} keeps, and what it returns. */
    public record Update<V, R>(V state, R value) {}

    public int size() {
        return entries.size();
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bounded map in this JVM, the least recently used key forgotten first; each operation under one lock. */
    private static final class LocalStore<V> extends AbstractMap<String, V> implements ConcurrentMap<String, V> {
        private final Map<String, V> map;

        LocalStore(int maxKeys) {
            this.map = new LinkedHashMap<>(1024, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                    return size() > maxKeys;
                }
            };
        }

        @Override
        public synchronized V get(Object key) {
            return map.get(key);
        }

        @Override
        public synchronized V putIfAbsent(String key, V value) {
            return map.putIfAbsent(key, value);
        }

        @Override
        public synchronized boolean remove(Object key, Object value) {
            return map.remove(key, value);
        }

        @Override
        public synchronized boolean replace(String key, V oldValue, V newValue) {
            return map.replace(key, oldValue, newValue);
        }

        @Override
        public synchronized V replace(String key, V value) {
            return map.replace(key, value);
        }

        @Override
        public synchronized V put(String key, V value) {
            return map.put(key, value);
        }

        @Override
        public synchronized int size() {
            return map.size();
        }

        @Override
        public synchronized Set<Map.Entry<String, V>> entrySet() {
            return Set.copyOf(map.entrySet());
        }
    }
}
