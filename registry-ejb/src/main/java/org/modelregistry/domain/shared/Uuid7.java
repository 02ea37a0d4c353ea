package org.modelregistry.domain.shared;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (RFC 9562 version 7). Ids that sort by creation time make keyset pagination a plain
 * {@code id > :after ORDER BY id} over the primary key, and keep B-tree inserts at the right edge.
 */
public final class Uuid7 {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastMillis;
    private static long sequence;

    private Uuid7() {}

    public static UUID next() {
        long millis;
        long seq;
        synchronized (Uuid7.class) {
            millis = System.currentTimeMillis();
            if (millis <= lastMillis) {
                // same (or a backwards) millisecond: keep order by counting in the 12 rand_a bits
                millis = lastMillis;
                sequence++;
                if (sequence > 0xFFF) {
                    millis = ++lastMillis;
                    sequence = 0;
                }
            } else {
                lastMillis = millis;
                sequence = RANDOM.nextInt(0x400); // leave headroom in the counter
            }
            seq = sequence;
        }
        long msb = (millis << 16) | 0x7000L | (seq & 0xFFFL);
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
