package org.modelregistry.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescedRunTest {

    @Test
    void requestsDuringARunMakeItGoOnceMoreNotOnceEach() {
        CoalescedRun runs = new CoalescedRun();
        AtomicInteger done = new AtomicInteger();
        runs.run(() -> {
            if (done.incrementAndGet() == 1) {
                // three signals while the first run works: neither skipped nor run three times
                runs.run(done::incrementAndGet);
                runs.run(done::incrementAndGet);
                runs.run(done::incrementAndGet);
            }
        });
        assertThat(done).hasValue(2);
        runs.run(done::incrementAndGet); // idle again: runs at once
        assertThat(done).hasValue(3);
    }

    @Test
    void aClaimIsHeldUntilRunOrReleased() {
        CoalescedRun runs = new CoalescedRun();
        assertThat(runs.claim()).isTrue();
        assertThat(runs.claim()).isFalse(); // the holder will go once more
        runs.release();
        assertThat(runs.claim()).isTrue();
    }

    @Test
    void aFailedRunLeavesItIdle() {
        CoalescedRun runs = new CoalescedRun();
        assertThatThrownBy(() -> runs.run(() -> {
                    throw new IllegalStateException("database away");
                }))
                .hasMessage("database away");
        AtomicInteger done = new AtomicInteger();
        runs.run(done::incrementAndGet);
        assertThat(done).hasValue(1);
    }
}
