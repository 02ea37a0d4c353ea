package org.modelregistry.infrastructure.admission;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed number of requests in flight per pool, and a share of them per caller. {@link #tryEnter} takes a slot at
 * once or refuses at once (no queue: a queue is what makes overload slow for everyone); {@link Permit#claim} then
 * names the caller once it is known, and refuses when that caller already holds its share, so that one principal
 * (or one address, for anonymous calls) cannot take every slot. A permit is released exactly once, however often
 * {@link Permit#close} is called (a finally block and an async listener may both do it).
 */
public final class AdmissionLimiter {

    /** Separate pools: a slow upload or download must not hold a slot that a quick API read needs. */
    public enum Pool {
        REQUESTS,
        TRANSFERS
    }

    /** Why a request was refused: the pool was full, or the caller held its share of it. */
    public enum Shed {
        LIMIT,
        SHARE
    }

    private final Map<Pool, Integer> limits = new EnumMap<>(Pool.class);
    private final Map<Pool, Integer> shares = new EnumMap<>(Pool.class);
    private final Map<Pool, AtomicInteger> inFlight = new EnumMap<>(Pool.class);
    private final Map<Pool, LongAdder> admitted = new EnumMap<>(Pool.class);
    private final Map<Pool, Map<Shed, LongAdder>> shed = new EnumMap<>(Pool.class);
    private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

    /**
     * @param maxRequests API and console requests in flight at once
     * @param maxPerCaller of those, how many one caller may hold
     * @param maxTransfers artifact uploads and downloads in flight at once (half of them per caller, at least one)
     */
    public AdmissionLimiter(int maxRequests, int maxPerCaller, int maxTransfers) {
        if (maxRequests < 1 || maxTransfers < 1 || maxPerCaller < 1 || maxPerCaller > maxRequests) {
            throw new IllegalArgumentException("limits must be at least 1 and a caller's share at most the limit");
        }
        limits.put(Pool.REQUESTS, maxRequests);
        limits.put(Pool.TRANSFERS, maxTransfers);
        shares.put(Pool.REQUESTS, maxPerCaller);
        shares.put(Pool.TRANSFERS, Math.max(1, maxTransfers / 2));
        for (Pool pool : Pool.values()) {
            inFlight.put(pool, new AtomicInteger());
            admitted.put(pool, new LongAdder());
            Map<Shed, LongAdder> reasons = new EnumMap<>(Shed.class);
            for (Shed reason : Shed.values()) {
                reasons.put(reason, new LongAdder());
            }
            shed.put(pool, reasons);
        }
    }

    /** A slot of {@code pool}, or null when all are taken (the caller answers 503 at once). */
    public Permit tryEnter(Pool pool) {
        AtomicInteger count = inFlight.get(pool);
        int limit = limits.get(pool);
        while (true) {
            int current = count.get();
            if (current >= limit) {
                shed.get(pool).get(Shed.LIMIT).increment();
                return null;
            }
            if (count.compareAndSet(current, current + 1)) {
                admitted.get(pool).increment();
                return new Permit(pool);
            }
        }
    }

    public int limit(Pool pool) {
        return limits.get(pool);
    }

    public int share(Pool pool) {
        return shares.get(pool);
    }

    public int inFlight(Pool pool) {
        return inFlight.get(pool).get();
    }

    /** Requests that got a slot since start (including those then refused for their caller's share). */
    public long admitted(Pool pool) {
        return admitted.get(pool).sum();
    }

    public long shed(Pool pool, Shed reason) {
        return shed.get(pool).get(reason).sum();
    }

    /** Slots held by one caller in a pool (0 when none), for tests and diagnostics. */
    public int heldBy(Pool pool, String caller) {
        return held.getOrDefault(pool + " " + caller, 0);
    }

    /** One request's slot, and its caller's share once {@link #claim}ed. */
    public final class Permit implements AutoCloseable {

        private final Pool pool;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile String key;

        private Permit(Pool pool) {
            this.pool = pool;
        }

        public Pool pool() {
            return pool;
        }

        /**
         * Counts this request against {@code caller}'s share; false (and counted as shed) when the caller already
         * holds its share: the request is then refused, and its slot freed when the permit is closed. Claiming a
         * second time for the same permit changes nothing.
         */
        public boolean claim(String caller) {
            if (key != null || closed.get()) {
                return key != null;
            }
            String k = pool + " " + caller;
            int share = shares.get(pool);
            boolean[] granted = new boolean[1];
            held.compute(k, (name, n) -> {
                int current = n == null ? 0 : n;
                granted[0] = current < share;
                return granted[0] ? current + 1 : n;
            });
            if (!granted[0]) {
                shed.get(pool).get(Shed.SHARE).increment();
                return false;
            }
            key = k;
            return true;
        }

        /** Frees the slot (and the caller's share); only the first call counts. */
        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            String k = key;
            if (k != null) {
                held.computeIfPresent(k, (name, n) -> n <= 1 ? null : n - 1);
            }
            inFlight.get(pool).decrementAndGet();
        }
    }
}
