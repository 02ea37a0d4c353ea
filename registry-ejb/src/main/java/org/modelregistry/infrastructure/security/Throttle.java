package org.modelregistry.infrastructure.security;

import io.github.bucket4j.Bucket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * State by key (a principal, a user name, a client address), in memory and bounded in bytes: keys are kept as their
 * SHA-256 (44 characters whatever the caller sent, so a 1 MB user name costs what a short one does) and at most
 * {@code maxKeys} of them, the least recently used forgotten first, so a flood of distinct keys cannot exhaust the
 * heap. The cluster issue moves this state into Hazelcast so that every server counts together.
 *
 * @param <V> what is kept per key: a token bucket, a lock-out
 */
public final class Throttle<V> {

    private final int maxKeys;
    private final Map<String, V> entries;

    public Throttle(int maxKeys) {
        this.maxKeys = maxKeys;
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > Throttle.this.maxKeys;
            }
        };
    }

    /** A bucket of {@code capacity} tokens refilled evenly over {@code period}. */
    public static Supplier<Bucket> perPeriod(long capacity, Duration period) {
        return () -> Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .build();
    }

    /** The state kept for {@code key}, created when there is none. */
    public V get(String key, Supplier<V> create) {
        String hashed = hash(key);
        synchronized (entries) {
            return entries.computeIfAbsent(hashed, k -> create.get());
        }
    }

    /**
     * Runs {@code action} on the state of {@code key} (null when there is none) while no other caller can: the
     * state it returns is kept (null removes it). For check-and-charge steps that must be atomic.
     */
    public <R> R update(String key, Function<V, Update<V, R>> action) {
        String hashed = hash(key);
        synchronized (entries) {
            Update<V, R> result = action.apply(entries.get(hashed));
            if (result.state() == null) {
                entries.remove(hashed);
            } else {
                entries.put(hashed, result.state());
            }
            return result.value();
        }
    }

    /** What {@link #update} keeps, and what it returns. */
    public record Update<V, R>(V state, R value) {}

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
