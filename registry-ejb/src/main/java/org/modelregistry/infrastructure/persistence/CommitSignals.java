package org.modelregistry.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.modelregistry.infrastructure.config.WakeSettings;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The server's one listening connection to PostgreSQL, which wakes work when other transactions commit and holds the
 * {@link ClusterRole}s this server has won ({@link Leadership}).
 *
 * <p>Writers signal what they leave behind with NOTIFY (db/V27: a queued job, a recorded change, newly chained
 * records), delivered at commit to every listening server; each {@link Channel} wakes the work subscribed to it on a
 * managed thread, coalesced (a burst of commits while the work runs makes it run once more, not once per commit).
 * Every {@code registry.wake.safety-poll-ms} the same connection claims the free roles, which also shows it works.
 *
 * <p>When the connection breaks (the database restarted, a network cut) the roles go with it, the thread reconnects
 * with growing pauses, listens again and wakes every subscriber once, so that nothing committed meanwhile waits for
 * the safety poll. The connection comes from {@code jdbc/registry-listener}, a small non-transactional pool of its
 * own: it is held for the server's life and never joins a transaction (NOTIFY is delivered between transactions).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // read from any thread; the listener thread writes
public class CommitSignals {

    private static final Logger LOG = Logger.getLogger(CommitSignals.class.getName());
    private static final long FIRST_RETRY_MILLIS = 250;

    /** The kinds of committed work, each a NOTIFY channel. */
    public enum Channel {
        /** A job waits to be published (evaluation runs, deployments). */
        JOBS("registry_jobs"),
        /** Audit records were committed, to be linked into the chain. */
        AUDIT("registry_audit"),
        /** Audit records were linked: search indexes and notifications follow them. */
        CHAINED("registry_chained");

        private final String name;

        Channel(String name) {
            this.name = name;
        }

        /** The NOTIFY channel's name. */
        public String channelName() {
            return name;
        }
    }

    @Resource(lookup = "jdbc/registry-listener")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedExecutorService executor;

    @Inject
    WakeSettings settings;

    private final Map<Channel, List<Waker>> subscribers = new EnumMap<>(Channel.class);
    private final Leadership leadership = new Leadership(ClusterRole.ALL);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile Set<ClusterRole> held = Set.of();
    private volatile boolean listening;
    private volatile Connection connection;
    private Thread thread;

    public CommitSignals() {
        for (Channel channel : Channel.values()) {
            subscribers.put(channel, new CopyOnWriteArrayList<>());
        }
    }

    @PostConstruct
    void start() {
        thread = threads.newThread(this::listen);
        thread.setName("registry-commit-signals");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    void stop() {
        stopping.countDown();
        close(connection); // ends a wait for notifications at once
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code work} on a managed thread now (whatever was committed before the subscriber started), then whenever
     * {@code channel} is signalled, after a reconnection, and when this server takes a role; never twice at once.
     */
    public void subscribe(Channel channel, Runnable work) {
        Waker waker = new Waker(channel.channelName(), work);
        subscribers.get(channel).add(waker);
        waker.wake();
    }

    /** Does this server hold the role now? */
    public boolean holds(ClusterRole role) {
        return held.contains(role);
    }

    /**
     * Is this server to do the role's work now: it holds the role, or it cannot tell who does (its listening
     * connection is down), in which case it works as if alone, as the role's work is safe to run twice.
     */
    public boolean runs(ClusterRole role) {
        return !listening || held.contains(role);
    }

    /** The roles this server holds, in {@link ClusterRole#ALL}'s order. */
    public List<ClusterRole> roles() {
        Set<ClusterRole> now = held;
        return ClusterRole.ALL.stream().filter(now::contains).toList();
    }

    /** Is the listening connection up (else only the safety polls find work)? */
    public boolean listening() {
        return listening;
    }

    private void listen() {
        long pause = FIRST_RETRY_MILLIS;
        boolean warned = false;
        while (stopping.getCount() > 0) {
            try (Connection c = dataSource.getConnection()) {
                connection = c;
                PGConnection pg = c.unwrap(PGConnection.class);
                try (Statement s = c.createStatement()) {
                    for (Channel channel : Channel.values()) {
                        s.execute("LISTEN " + channel.channelName());
                    }
                }
                listening = true;
                if (warned) {
                    LOG.info("Listening to the database's commit signals again");
                }
                warned = false;
                pause = FIRST_RETRY_MILLIS;
                claim(c);
                wakeAll(); // what was committed while nobody listened
                waitForSignals(c, pg);
            } catch (SQLException | RuntimeException e) {
                if (stopping.getCount() == 0) {
                    break;
                }
                if (!warned) {
                    LOG.log(
                            Level.WARNING,
                            "The connection that listens to commit signals and holds this server's roles failed; the"
                                    + " roles are released and it reconnects (safety polls find the work meanwhile)",
                            e);
                    warned = true;
                }
            } finally {
                listening = false;
                connection = null;
                leadership.lost();
                held = Set.of();
            }
            if (await(pause)) {
                break;
            }
            pause = Math.min(pause * 2, settings.safetyPollMillis());
        }
    }

    private void waitForSignals(Connection c, PGConnection pg) throws SQLException {
        long pollNanos = TimeUnit.MILLISECONDS.toNanos(settings.safetyPollMillis());
        long nextClaim = System.nanoTime() + pollNanos;
        while (stopping.getCount() > 0) {
            long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextClaim - System.nanoTime()));
            PGNotification[] received = pg.getNotifications((int) Math.min(waitMillis, Integer.MAX_VALUE));
            if (received != null && received.length > 0) {
                Set<String> channels = new HashSet<>();
                for (PGNotification n : received) {
                    channels.add(n.getName());
                }
                for (Channel channel : Channel.values()) {
                    if (channels.contains(channel.channelName())) {
                        subscribers.get(channel).forEach(Waker::wake);
                    }
                }
            }
            if (System.nanoTime() - nextClaim >= 0) {
                if (claim(c)) {
                    wakeAll(); // a role taken over: its work starts now, not at the next poll
                }
                nextClaim = System.nanoTime() + pollNanos;
            }
        }
    }

    /** Claims the free roles; true when this server took one it did not hold. */
    private boolean claim(Connection c) throws SQLException {
        Set<ClusterRole> before = held;
        Set<ClusterRole> now = leadership.claim(c);
        held = now;
        List<String> gained = new ArrayList<>();
        for (ClusterRole role : ClusterRole.ALL) {
            if (now.contains(role) && !before.contains(role)) {
                gained.add(role.name());
            }
        }
        if (!gained.isEmpty()) {
            LOG.info(() -> "This server now runs " + String.join(", ", gained) + " for the cluster");
        }
        return !gained.isEmpty();
    }

    private void wakeAll() {
        subscribers.values().forEach(list -> list.forEach(Waker::wake));
    }

    /** Waits, unless the server stops first; true when it stops. */
    private boolean await(long millis) {
        try {
            return stopping.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void close(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "Closing the listening connection failed", e);
        }
    }

    /** One subscriber's work, run on a managed thread, one run at a time. */
    private final class Waker {

        private final String channel;
        private final Runnable work;
        private final CoalescedRun runs = new CoalescedRun();

        Waker(String channel, Runnable work) {
            this.channel = channel;
            this.work = work;
        }

        void wake() {
            if (!runs.claim()) {
                return; // the run in progress goes once more
            }
            try {
                executor.execute(() -> {
                    try {
                        runs.runClaimed(work);
                    } catch (RuntimeException e) {
                        LOG.log(Level.FINE, "Work woken by " + channel + " failed; the safety poll retries it", e);
                    }
                });
            } catch (RejectedExecutionException e) {
                runs.release(); // the server is stopping, or the safety poll does it
            }
        }
    }
}
