package org.modelregistry.embedded;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one embedded service running: a thread looks at it every {@code poll}, and when it has stopped without being
 * asked to (a postmaster killed, a broker stopped through its management API or by a critical I/O error) starts it
 * again on the same data and port. Restarts back off: the first after {@code firstDelay}, each further one twice as
 * late up to {@code maxDelay}; a service that then stays up for {@code stableAfter} starts the count afresh. It
 * never gives up: a cause that keeps a service from starting (a full disk, a port taken) is logged at every attempt
 * until a person removes it.
 */
final class Supervisor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Supervisor.class.getName());

    /** What the supervisor keeps running. */
    interface Service {
        /** Starts a fresh instance; returns once it accepts connections. */
        void start() throws Exception;

        /** False once the instance stopped, whoever stopped it. */
        boolean running();

        /** How the last instance ended, for the log line ("exit code 137"). */
        String exit();

        /** Stops the instance, if it runs. */
        void stop() throws Exception;
    }

    /** The back-off and polling of a supervisor. */
    record Policy(Duration poll, Duration firstDelay, Duration maxDelay, Duration stableAfter) {
        /** Checks twice a second; restarts after 1 s, 2 s, 4 s ... at most every 30 s; afresh after a minute up. */
        static final Policy DEFAULT = new Policy(
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1));
    }

    private final String name;
    private final Service service;
    private final Policy policy;
    private final Thread watcher;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean closed;
    private boolean held;
    private int restarts;

    Supervisor(String name, Service service, Policy policy) {
        this.name = name;
        this.service = service;
        this.policy = policy;
        this.watcher =
                new Thread(this::keepRunning, "supervisor-" + name.toLowerCase().replace(' ', '-'));
        this.watcher.setDaemon(true);
    }

    /** Starts the service (failing as it fails) and then watches it. */
    Supervisor start() throws Exception {
        service.start();
        return watch();
    }

    /** Watches a service that is already running. */
    Supervisor watch() {
        watcher.start();
        return this;
    }

    /** How many times the service was started again after it stopped on its own. */
    int restarts() {
        lock.lock();
        try {
            return restarts;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the service on purpose and keeps it down until {@link #release()}: the tests' planned broker outage.
     * Nothing is restarted meanwhile.
     */
    void hold() throws Exception {
        lock.lock();
        try {
            held = true;
            service.stop();
        } finally {
            lock.unlock();
        }
    }

    /** Starts the service held by {@link #hold()} and watches it again. */
    void release() throws Exception {
        lock.lock();
        try {
            service.start();
            held = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void keepRunning() {
        Duration delay = policy.firstDelay();
        long upSince = System.nanoTime();
        int attempts = 0;
        while (true) {
            lock.lock();
            try {
                if (!sleep(policy.poll())) {
                    return;
                }
                if (held || service.running()) {
                    if (System.nanoTime() - upSince > policy.stableAfter().toNanos()) {
                        delay = policy.firstDelay();
                    }
                    continue;
                }
                int attempt = ++attempts;
                Duration wait = delay;
                LOG.warning(() -> (attempt == 1
                                ? name + " stopped unexpectedly (" + service.exit() + ")"
                                : name + " is still down")
                        + "; starting it again in " + wait.toMillis() + " ms (attempt " + attempt + ")");
                if (!sleep(wait)) {
                    return;
                }
                delay = delay.multipliedBy(2).compareTo(policy.maxDelay()) > 0
                        ? policy.maxDelay()
                        : delay.multipliedBy(2);
                long t0 = System.nanoTime();
                try {
                    service.start();
                    restarts++;
                    attempts = 0;
                    upSince = System.nanoTime();
                    LOG.info(() -> name + " is running again, started in " + (System.nanoTime() - t0) / 1_000_000
                            + " ms (restart " + restarts + " since the launcher started)");
                } catch (Exception e) {
                    LOG.warning(
                            () -> name + " did not start: " + e + (e.getCause() == null ? "" : ", " + e.getCause()));
                    LOG.log(Level.FINE, name + " did not start", e);
                    try {
                        service.stop(); // whatever half-started must not hold the port or the data
                    } catch (Exception ignored) {
                        LOG.log(Level.FINE, "stopping a failed start of " + name, ignored);
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits with the lock released; false once closed (or interrupted). */
    private boolean sleep(Duration time) {
        long left = time.toNanos();
        try {
            while (!closed && left > 0) {
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !closed;
    }

    /** Stops watching, then stops the service. */
    @Override
    public void close() throws Exception {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        watcher.join(TimeUnit.SECONDS.toMillis(10));
        service.stop();
    }
}
