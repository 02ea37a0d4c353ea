package org.modelregistry.infrastructure.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.modelregistry.infrastructure.admission.AdmissionLimiter.Permit;
import org.modelregistry.infrastructure.admission.AdmissionLimiter.Pool;
import org.modelregistry.infrastructure.admission.AdmissionLimiter.Shed;

class AdmissionLimiterTest {

    @Test
    void admitsUpToTheLimitThenRefusesAtOnceAndAdmitsAgainOnceASlotIsFreed() {
        AdmissionLimiter limiter = new AdmissionLimiter(3, 3, 1);
        List<Permit> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(limiter.tryEnter(Pool.REQUESTS));
        }
        assertThat(held).doesNotContainNull();
        assertThat(limiter.tryEnter(Pool.REQUESTS)).isNull();
        assertThat(limiter.inFlight(Pool.REQUESTS)).isEqualTo(3);
        assertThat(limiter.shed(Pool.REQUESTS, Shed.LIMIT)).isEqualTo(1);

        held.get(0).close();
        assertThat(limiter.tryEnter(Pool.REQUESTS)).isNotNull();
        assertThat(limiter.admitted(Pool.REQUESTS)).isEqualTo(4);
    }

    @Test
    void closingAPermitTwiceFreesOneSlotOnly() {
        // the attack on the count: a finally block and an async listener both release the same request
        AdmissionLimiter limiter = new AdmissionLimiter(2, 2, 1);
        Permit a = limiter.tryEnter(Pool.REQUESTS);
        limiter.tryEnter(Pool.REQUESTS);
        a.close();
        a.close();
        assertThat(limiter.inFlight(Pool.REQUESTS)).isEqualTo(1);
        assertThat(limiter.tryEnter(Pool.REQUESTS)).isNotNull();
        assertThat(limiter.tryEnter(Pool.REQUESTS)).isNull();
    }

    @Test
    void oneCallerCannotTakeMoreThanItsShareAndOthersStillGetIn() {
        AdmissionLimiter limiter = new AdmissionLimiter(4, 2, 1);
        assertThat(enterAs(limiter, "greedy")).isNotNull();
        assertThat(enterAs(limiter, "greedy")).isNotNull();
        Permit third = limiter.tryEnter(Pool.REQUESTS);
        assertThat(third.claim("greedy")).isFalse();
        third.close(); // the filter's finally: the refused request's slot is freed
        assertThat(limiter.shed(Pool.REQUESTS, Shed.SHARE)).isEqualTo(1);
        assertThat(limiter.heldBy(Pool.REQUESTS, "greedy")).isEqualTo(2);

        assertThat(enterAs(limiter, "polite")).isNotNull();
        assertThat(enterAs(limiter, "polite")).isNotNull();
        assertThat(limiter.tryEnter(Pool.REQUESTS)).isNull(); // now the pool is full
    }

    @Test
    void aCallersShareIsFreedWithItsRequestsAndClaimingTwiceCountsOnce() {
        AdmissionLimiter limiter = new AdmissionLimiter(4, 1, 1);
        Permit p = limiter.tryEnter(Pool.REQUESTS);
        assertThat(p.claim("alice")).isTrue();
        assertThat(p.claim("alice")).isTrue();
        assertThat(limiter.heldBy(Pool.REQUESTS, "alice")).isEqualTo(1);
        p.close();
        assertThat(limiter.heldBy(Pool.REQUESTS, "alice")).isZero();
        assertThat(enterAs(limiter, "alice")).isNotNull();
    }

    @Test
    void transfersHaveTheirOwnPoolSoSlowUploadsLeaveTheApiItsSlots() {
        AdmissionLimiter limiter = new AdmissionLimiter(1, 1, 2);
        Permit upload = limiter.tryEnter(Pool.TRANSFERS);
        assertThat(upload.claim("uploader")).isTrue();
        assertThat(limiter.tryEnter(Pool.TRANSFERS).claim("uploader")).isFalse(); // share of 2 transfers: 1
        assertThat(limiter.tryEnter(Pool.REQUESTS)).isNotNull();
        assertThat(limiter.share(Pool.TRANSFERS)).isEqualTo(1);
    }

    @Test
    void aRequestThatThrowsStillFreesItsSlot() {
        AdmissionLimiter limiter = new AdmissionLimiter(1, 1, 1);
        assertThatThrownBy(() -> {
                    try (Permit p = limiter.tryEnter(Pool.REQUESTS)) {
                        p.claim("bob");
                        throw new IllegalStateException("the resource failed");
                    }
                })
                .isInstanceOf(IllegalStateException.class);
        assertThat(limiter.inFlight(Pool.REQUESTS)).isZero();
        assertThat(limiter.heldBy(Pool.REQUESTS, "bob")).isZero();
    }

    @Test
    void neverAdmitsMoreThanTheLimitUnderContention() throws Exception {
        int limit = 8;
        AdmissionLimiter limiter = new AdmissionLimiter(limit, limit, 1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        int threads = 32;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int caller = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 2_000; i++) {
                        Permit p = limiter.tryEnter(Pool.REQUESTS);
                        if (p == null) {
                            continue;
                        }
                        try (p) {
                            if (p.claim("c" + caller % 4)) {
                                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                                inside.decrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(most.get()).isBetween(1, limit);
        assertThat(limiter.inFlight(Pool.REQUESTS)).isZero();
        for (int c = 0; c < 4; c++) {
            assertThat(limiter.heldBy(Pool.REQUESTS, "c" + c)).isZero();
        }
        assertThat(limiter.admitted(Pool.REQUESTS) + limiter.shed(Pool.REQUESTS, Shed.LIMIT))
                .isEqualTo(32L * 2_000);
    }

    @Test
    void aCallerHoldingItsShareIsRefusedWhileOthersAreAdmittedConcurrently() throws Exception {
        AdmissionLimiter limiter = new AdmissionLimiter(10, 3, 1);
        CountDownLatch hold = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> greedy = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                greedy.add(pool.submit(() -> {
                    Permit p = limiter.tryEnter(Pool.REQUESTS);
                    try (p) {
                        boolean in = p.claim("greedy");
                        if (in) {
                            hold.await(1, TimeUnit.MINUTES);
                        }
                        return in;
                    }
                }));
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> limiter.heldBy(Pool.REQUESTS, "greedy") == 3
                            && limiter.shed(Pool.REQUESTS, Shed.SHARE) == 3);
            assertThat(enterAs(limiter, "other")).isNotNull();
            hold.countDown();
            long admitted = 0;
            for (Future<Boolean> f : greedy) {
                admitted += f.get(1, TimeUnit.MINUTES) ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesLimitsThatCannotWork() {
        assertThatThrownBy(() -> new AdmissionLimiter(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionLimiter(2, 3, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionLimiter(2, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Permit enterAs(AdmissionLimiter limiter, String caller) {
        Permit p = limiter.tryEnter(Pool.REQUESTS);
        if (p == null) {
            return null;
        }
        if (!p.claim(caller)) {
            p.close();
            return null;
        }
        return p;
    }
}
