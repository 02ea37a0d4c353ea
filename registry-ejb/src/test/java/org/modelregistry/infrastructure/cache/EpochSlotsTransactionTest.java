package org.modelregistry.infrastructure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;

/**
 * What a transaction reads through the cache is kept only once it commits: a transaction can read its own uncommitted
 * change (an entity listener empties the entry at flush, the service then reads the model back), and a rollback must
 * not leave that never-committed value to every server.
 */
class EpochSlotsTransactionTest {

    private static final String CACHE = "registry-models";
    private static final String KEY = "m1";

    private final Map<String, String> entries = new ConcurrentHashMap<>();
    private final Transactions transactions = new Transactions();
    private final EpochSlots slots = new EpochSlots(name -> cache(entries), () -> transactions, "test.pending");
    private final AtomicInteger loads = new AtomicInteger();

    private Optional<String> read(String database) {
        return slots.read(
                CACHE,
                KEY,
                String.class,
                () -> {
                    loads.incrementAndGet();
                    return Optional.of(database);
                },
                new AtomicLong(),
                new AtomicLong());
    }

    @Test
    void aValueReadByATransactionThatRollsBackIsNeverKept() {
        transactions.begin();
        slots.emptyAfterCommit(CACHE, KEY); // the transaction changed the model (flushed, not committed)
        assertThat(read("uncommitted description")).contains("uncommitted description");
        transactions.end(Status.STATUS_ROLLEDBACK);

        assertThat(read("committed description")).contains("committed description");
        assertThat(read("committed description")).contains("committed description");
        assertThat(loads).hasValue(2); // the second read outside a transaction was a hit
    }

    @Test
    void aReadInATransactionThatRollsBackWithoutChangingTheEntryKeepsNothingEither() {
        transactions.begin();
        read("read in a transaction that then failed");
        transactions.end(Status.STATUS_ROLLEDBACK);
        assertThat(entries.get(KEY)).doesNotContain("failed");
    }

    @Test
    void aTransactionThatChangedAnEntryReadsItsOwnChangeNotTheCachedValue() {
        read("committed"); // outside a transaction: kept at once
        assertThat(entries.get(KEY)).contains("committed");

        transactions.begin();
        slots.emptyAfterCommit(CACHE, KEY);
        assertThat(read("its own change")).contains("its own change");
        transactions.end(Status.STATUS_COMMITTED);

        assertThat(entries.get(KEY)).doesNotContain("committed\"").doesNotContain("its own change");
        assertThat(read("after the commit")).contains("after the commit");
    }

    @Test
    void aCommittedReadIsKeptOnlyAfterTheCommit() {
        transactions.begin();
        assertThat(read("v1")).contains("v1");
        assertThat(entries.get(KEY)).doesNotContain("v1");
        transactions.end(Status.STATUS_COMMITTED);

        assertThat(entries.get(KEY)).contains("v1");
        assertThat(read("not read")).contains("v1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void aTransactionThatReadThenChangedAnEntryLeavesItEmptyOnCommit() {
        transactions.begin();
        read("before the change");
        slots.emptyAfterCommit(CACHE, KEY);
        transactions.end(Status.STATUS_COMMITTED);

        assertThat(entries.get(KEY)).doesNotContain("before the change");
        assertThat(read("the committed change")).contains("the committed change");
    }

    @Test
    void aCommitThatRacedTheReadWinsOverTheReadersFill() {
        transactions.begin();
        read("old row");
        String leased = entries.get(KEY);
        entries.put(KEY, EpochSlots.Slot.empty().text()); // another server's commit emptied the entry meanwhile
        transactions.end(Status.STATUS_COMMITTED);

        assertThat(entries.get(KEY)).isNotEqualTo(leased).doesNotContain("old row");
    }

    @SuppressWarnings("unchecked")
    private static Cache<String, String> cache(Map<String, String> entries) {
        return (Cache<String, String>) Proxy.newProxyInstance(
                EpochSlotsTransactionTest.class.getClassLoader(), new Class<?>[] {Cache.class}, (proxy, m, a) -> {
                    switch (m.getName()) {
                        case "get":
                            return entries.get((String) a[0]);
                        case "put":
                            entries.put((String) a[0], (String) a[1]);
                            return null;
                        case "putIfAbsent":
                            return entries.putIfAbsent((String) a[0], (String) a[1]) == null;
                        case "replace":
                            if (a.length == 3) {
                                return entries.replace((String) a[0], (String) a[1], (String) a[2]);
                            }
                            throw new UnsupportedOperationException("replace/2");
                        default:
                            throw new UnsupportedOperationException(m.getName());
                    }
                });
    }

    /** One thread's transaction at a time, enough for the protocol. */
    private static final class Transactions implements TransactionSynchronizationRegistry {
        private int status = Status.STATUS_NO_TRANSACTION;
        private final Map<Object, Object> resources = new HashMap<>();
        private final List<Synchronization> synchronizations = new ArrayList<>();

        void begin() {
            status = Status.STATUS_ACTIVE;
        }

        void end(int outcome) {
            synchronizations.forEach(Synchronization::beforeCompletion);
            status = outcome;
            synchronizations.forEach(s -> s.afterCompletion(outcome));
            synchronizations.clear();
            resources.clear();
            status = Status.STATUS_NO_TRANSACTION;
        }

        @Override
        public Object getTransactionKey() {
            return status == Status.STATUS_NO_TRANSACTION ? null : this;
        }

        @Override
        public void putResource(Object key, Object value) {
            resources.put(Objects.requireNonNull(key), value);
        }

        @Override
        public Object getResource(Object key) {
            return resources.get(key);
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            synchronizations.add(sync);
        }

        @Override
        public int getTransactionStatus() {
            return status;
        }

        @Override
        public void setRollbackOnly() {
            status = Status.STATUS_MARKED_ROLLBACK;
        }

        @Override
        public boolean getRollbackOnly() {
            return status == Status.STATUS_MARKED_ROLLBACK;
        }
    }
}
