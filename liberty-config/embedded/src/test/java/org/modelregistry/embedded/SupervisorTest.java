package org.modelregistry.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SupervisorTest {

    private static final Supervisor.Policy FAST = new Supervisor.Policy(
            Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(80), Duration.ofHours(1));

    /** A service that dies when told to and can be made to fail its next starts. */
    static final class FakeService implements Supervisor.Service {
        volatile boolean up;
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger failNextStarts = new AtomicInteger();
        final List<Long> startTimes = new ArrayList<>();

        @Override
        public synchronized void start() {
            startTimes.add(System.nanoTime());
            starts.incrementAndGet();
            if (failNextStarts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("port taken");
            }
            up = true;
        }

        @Override
        public boolean running() {
            return up;
        }

        @Override
        public String exit() {
            return "killed";
        }

        @Override
        public void stop() {
            up = false;
        }
    }

    @Test
    void aServiceThatDiesIsStartedAgain() throws Exception {
        FakeService service = new FakeService();
        try (Supervisor supervisor = new Supervisor("fake", service, FAST).start()) {
            service.up = false; // dies on its own
            await().atMost(Duration.ofSeconds(5)).until(() -> service.up && supervisor.restarts() == 1);
            service.up = false;
            await().atMost(Duration.ofSeconds(5)).until(() -> service.up && supervisor.restarts() == 2);
        }
        assertThat(service.up).as("closing stops it").isFalse();
    }

    @Test
    void failedRestartsBackOffUpToTheMaximumAndGoOnUntilOneSucceeds() throws Exception {
        FakeService service = new FakeService();
        try (Supervisor supervisor = new Supervisor("fake", service, FAST).start()) {
            service.failNextStarts.set(4);
            service.up = false;
            await().atMost(Duration.ofSeconds(5)).until(() -> service.up);
            assertThat(supervisor.restarts()).isEqualTo(1);
        }
        List<Long> t = service.startTimes;
        assertThat(t).hasSize(6); // the first start, four failures, one success
        // 20, 40, 80, 80, 80 ms between attempts (at least; the poll adds a little)
        long[] least = {20, 40, 80, 80, 80};
        for (int i = 0; i < least.length; i++) {
            assertThat(Duration.ofNanos(t.get(i + 1) - t.get(i)).toMillis())
                    .as("wait before attempt %d", i + 1)
                    .isGreaterThanOrEqualTo(least[i]);
        }
    }

    @Test
    void aServiceHeldOnPurposeIsNotRestartedUntilReleased() throws Exception {
        FakeService service = new FakeService();
        try (Supervisor supervisor = new Supervisor("fake", service, FAST).start()) {
            supervisor.hold();
            int starts = service.starts.get();
            // several polls and back-off delays go by: none may start it
            await().pollDelay(Duration.ofMillis(300)).until(() -> true);
            assertThat(service.up).isFalse();
            assertThat(service.starts).hasValue(starts);
            supervisor.release();
            assertThat(service.up).isTrue();
            assertThat(supervisor.restarts()).isZero();
        }
    }

    @Test
    void aClosedSupervisorStartsNothing() throws Exception {
        FakeService service = new FakeService();
        Supervisor supervisor = new Supervisor("fake", service, FAST).start();
        supervisor.close();
        int starts = service.starts.get();
        await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        assertThat(service.up).isFalse();
        assertThat(service.starts).hasValue(starts);
    }
}
