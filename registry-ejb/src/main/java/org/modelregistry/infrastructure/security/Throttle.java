package org.modelregistry.infrastructure.security;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Token buckets by key (a principal, a user name, a client address), in memory and bounded: the least recently used
 * keys are forgotten first, so a flood of distinct keys cannot exhaust the heap. The cluster issue moves this state
 * into Hazelcast so that every server counts together.
 */
public final class Throttle {

    private final int maxKeys;
    private final Map<String, Bucket> buckets;

    public Throttle(int maxKeys) {
        this.maxKeys = maxKeys;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > Throttle.this.maxKeys;
            }
        };
    }

    /** A bucket of {@code capacity} tokens refilled evenly over {@code period}. */
    public static Supplier<Bucket> perPeriod(long capacity, Duration period) {
        return () -> Bucket.builder().addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .build();
    }

    public Bucket bucket(String key, Supplier<Bucket> create) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(key, k -> create.get());
        }
    }
}
