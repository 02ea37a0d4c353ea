package org.modelregistry.infrastructure.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.TooManyRequestsException;
import org.modelregistry.infrastructure.cache.SharedThrottle;

class RateLimitsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private RateLimits limits;

    @BeforeEach
    void setUp() {
        limits = new RateLimits();
        limits.clock = now::get;
        limits.init();
    }

    @Test
    void aBudgetRefillsEvenlyOverTheMinute() {
        for (int i = 0; i < 6; i++) {
            limits.charge("alice", 6);
        }
        assertThatThrownBy(() -> limits.charge("alice", 6))
                .isInstanceOfSatisfying(
                        TooManyRequestsException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(10));
        now.addAndGet(10_000);
        limits.charge("alice", 6);
        assertThatThrownBy(() -> limits.charge("alice", 6)).isInstanceOf(TooManyRequestsException.class);
        limits.charge("bob", 6); // another principal has a budget of its own
    }

    @Test
    void aClockThatGoesBackRefillsNothing() {
        for (int i = 0; i < 3; i++) {
            limits.charge("alice", 3);
        }
        now.addAndGet(-60_000); // another server's clock, a minute behind
        assertThatThrownBy(() -> limits.charge("alice", 3)).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void concurrentChargesNeverSpendMoreThanTheBudget() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> clients = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            clients.add(pool.submit(() -> {
                int allowed = 0;
                for (int i = 0; i < 200; i++) {
                    try {
                        limits.charge("shared", 500);
                        allowed++;
                    } catch (TooManyRequestsException e) {
                        // over the budget
                    }
                }
                return allowed;
            }));
        }
        int total = 0;
        for (Future<Integer> c : clients) {
            total += c.get();
        }
        pool.shutdown();
        assertThat(total)
                .as("1,600 attempts on one budget of 500, the clock standing still")
                .isEqualTo(500);
    }

    @Test
    void theSharedStoreHoldsTextAndABucketOfAnEarlierReleaseIsStillRead() {
        ConcurrentMap<String, Object> store = new ConcurrentHashMap<>();
        RateLimits shared = new RateLimits();
        shared.shared = new SharedThrottle() {
            @Override
            @SuppressWarnings("unchecked")
            public <V> ConcurrentMap<String, V> store(String name) {
                return (ConcurrentMap<String, V>) store;
            }
        };
        shared.clock = now::get;
        shared.init();
        // a server of the earlier release kept the record itself: 1 token left
        store.put(Throttle.hash("carol|5"), new TokenBucket(1, now.get()));
        shared.charge("carol", 5);
        assertThatThrownBy(() -> shared.charge("carol", 5)).isInstanceOf(TooManyRequestsException.class);
        assertThat(store.values()).allSatisfy(v -> assertThat(v).isInstanceOf(String.class));
    }

    @Test
    void aTokenBucketIsKeptAsTextAndReadBackExactly() {
        TokenBucket b = TokenBucket.full(100, 1_733_000_000_123L)
                .at(1_733_000_000_456L, 100, 60_000)
                .take();
        assertThat(TokenBucket.of(b.text())).isEqualTo(b);
        TokenBucket odd = new TokenBucket(1.0 / 3, 7);
        assertThat(TokenBucket.of(odd.text())).isEqualTo(odd);
        assertThat(TokenBucket.of(new TokenBucket(0.0, 0).text()).hasToken()).isFalse();
    }

    @Test
    void aTokenBucketIsAValueThatNeverHoldsMoreThanItsCapacity() {
        TokenBucket b = TokenBucket.full(10, 0).take().take();
        assertThat(b.tokens()).isEqualTo(8.0);
        assertThat(b.at(60_000_000, 10, 60_000).tokens()).isEqualTo(10.0);
        assertThat(b.at(6_000, 10, 60_000).tokens()).isEqualTo(9.0);
        assertThat(new TokenBucket(0.5, 0).millisToNextToken(10, 60_000)).isEqualTo(3_000);
        assertThat(b).isEqualTo(new TokenBucket(8.0, 0));
    }
}
