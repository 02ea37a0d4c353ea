package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.unique;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.modelregistry.infrastructure.persistence.ClusterRole;
import org.modelregistry.infrastructure.persistence.Leadership;
import org.modelregistry.it.Api.Reply;

/**
 * Idle servers cost nothing, and work is still done at once: with the chainer's and the search follower's polls set to
 * ten minutes and the job relay's at its default 10 s, only the commit signals (db/V27) can wake them in time, yet a
 * version is searchable within half a second and a job queued by another writer starts as fast; a role is run by the
 * one session holding its advisory lock, and a server whose listening connection is cut reconnects, takes its roles
 * back and catches up. Restarts the server with these settings (the crash execution), and puts them back afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WakeOnCommitIT {

    private static final Logger LOG = Logger.getLogger(WakeOnCommitIT.class.getName());

    private static final Map<String, String> SETTINGS = new LinkedHashMap<>();
    private static final Map<String, String> PREVIOUS = new LinkedHashMap<>();

    static {
        SETTINGS.put("registry.audit.chain-interval-ms", "600000");
        SETTINGS.put("registry.search.follow-interval-ms", "600000");
        // the default: roles are claimed, and the relays poll, every 10 s
        SETTINGS.put("registry.wake.safety-poll-ms", "10000");
    }

    private static String suite;

    @BeforeAll
    static void start() {
        SETTINGS.forEach((key, value) -> PREVIOUS.put(key, LibertyServer.bootstrap(key, value)));
        LibertyServer.start();
        suite = unique("wake");
        Reply r = Api.post(
                "/evaluation-suites",
                "{\"name\":\"" + suite + "\",\"checks\":[{\"name\":\"quality\",\"kind\":\"METRIC_THRESHOLD\","
                        + "\"expression\":\"metrics.accuracy >= 0.5\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        try {
            LibertyServer.stop();
        } finally {
            PREVIOUS.forEach((key, value) -> {
                if (value == null) {
                    LibertyServer.unsetBootstrap(key);
                } else {
                    LibertyServer.bootstrap(key, value);
                }
            });
        }
    }

    /**
     * The commit wakes the chainer and the follower: every version is searchable in well under the polls' ten minutes
     * (and their ten-second safety poll), and typically (the median of five) within half a second. One sample on a
     * busy 2-core CI machine may take longer (a JIT compilation, a full GC): once 525 ms.
     */
    @Test
    void aVersionIsSearchableWithinHalfASecondThoughTheFollowersPollEveryTenMinutes() {
        awaitRoles(); // the server chains (its role), then every server follows
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            millis.add(searchableAfterMillis());
        }
        LOG.info("WakeOnCommitIT: registered-to-searchable ms " + millis);
        assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(3_000));
        assertThat(millis.stream().sorted().toList().get(millis.size() / 2))
                .as("the median of " + millis)
                .isLessThan(500);
    }

    @Test
    void aJobQueuedByAnotherWriterStartsAtOnce() throws Exception {
        String model = Api.createModel(unique("jobs"), "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        Reply queued = Api.post(
                "/models/" + model + "/versions/1.0.0/evaluations",
                "{\"suite\":\"" + suite + "\",\"metrics\":{\"accuracy\":0.9}}");
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        String first = queued.json().getString("id");
        awaitState(first, "PASSED");
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // a copy queued straight in the database, as another server would: this server's own after-commit wake
            // (JobWake) knows nothing of it, and its relay polls every 10 s
            String id = UUID.randomUUID().toString();
            long started = System.nanoTime();
            Api.update(
                    "INSERT INTO evaluation_run (id, model_id, version_id, suite_id, suite_version, checks, metrics,"
                            + " state, requested_at, requested_by) SELECT CAST(? AS uuid), model_id, version_id,"
                            + " suite_id, suite_version, checks, metrics, 'QUEUED', now(), 'wake-it' FROM evaluation_run"
                            + " WHERE id = CAST(? AS uuid)",
                    id,
                    first);
            awaitLeft(id, "QUEUED");
            millis.add((System.nanoTime() - started) / 1_000_000);
        }
        LOG.info("WakeOnCommitIT: queued-to-started ms " + millis);
        assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(300));
    }

    @Test
    void onlyTheSessionHoldingARolesLockRunsItAndTheNextTakesOverWhenItsConnectionCloses() throws SQLException {
        ClusterRole first = new ClusterRole("test-first", 9001);
        ClusterRole second = new ClusterRole("test-second", 9002);
        try (Connection a = Api.db();
                Connection b = Api.db()) {
            Leadership one = new Leadership(List.of(first, second));
            Leadership other = new Leadership(List.of(first, second));
            assertThat(one.claim(a)).containsExactlyInAnyOrder(first, second);
            assertThat(other.claim(b)).isEmpty();
            // claiming again neither loses a role nor stacks its lock (one unlock frees it)
            assertThat(one.claim(a)).containsExactlyInAnyOrder(first, second);
            assertThat(locks(b, a, 9001)).isEqualTo(1);
            assertThat(other.claim(b)).isEmpty();
            a.close(); // the holder dies: PostgreSQL releases its session's locks as the backend exits, just after
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> other.claim(b).size() == 2);
            try (Connection c = Api.db()) {
                assertThat(new Leadership(List.of(first, second)).claim(c)).isEmpty();
            }
        }
    }

    @Test
    void aRoleTakenElsewhereIsNotRunHereAndIsTakenBackWhenFreed() throws SQLException {
        awaitRoles();
        try (Connection holder = Api.db()) {
            // this server's listening connection is cut (as by a database restart), and another session takes the
            // chainer's lock before it reconnects, as another server would
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        terminateListener();
                        return tryLock(holder, ClusterRole.AUDIT_CHAIN.key());
                    });
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> roles().getString("listening").equals("true")
                            && roles().getString("roles").contains("job-reaper"));
            assertThat(roles().getString("roles")).doesNotContain("audit-chain");

            // nobody chains now (the other "server" is this test), so nothing new becomes searchable
            String name = Api.createModel(unique("held"), "LOW").getString("name");
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                assertThat(found(name))
                        .as("chained by a server without the role")
                        .isFalse();
                Awaitility.await().pollDelay(Duration.ofMillis(200)).until(() -> true);
            }

            holder.close(); // the holder dies: this server takes the role at its next claim (10 s) and catches up
            Awaitility.await()
                    .atMost(Duration.ofSeconds(25))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> found(name));
            assertThat(roles().getString("roles")).contains("audit-chain");
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: the server warmed up by the others, as a server idle for a while is
    void anIdleServerRunsFewerThanTwoTransactionsASecond() throws Exception {
        awaitRoles();
        // what the other tests left settles (the chainer's last round, the notification relay's retries)
        Awaitility.await()
                .atMost(Duration.ofSeconds(40))
                .pollDelay(Duration.ofSeconds(20))
                .until(() -> true);
        long pid = Long.parseLong(
                Files.readString(LibertyServer.WLP.resolve("usr/servers/.pid/" + LibertyServer.NAME + ".pid"))
                        .trim());
        long commits = commits();
        long ticks = cpuTicks(pid);
        long started = System.nanoTime();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ofSeconds(40))
                .until(() -> true);
        double seconds = (System.nanoTime() - started) / 1e9;
        // the two statements that read the counter are transactions of their own, and the statistics lag up to 0.5 s
        double perSecond = (commits() - commits - 2) / seconds;
        double core = (cpuTicks(pid) - ticks) / 100.0 / seconds;
        LOG.info(String.format("WakeOnCommitIT: idle %.2f transactions/s, %.2f %% of a core", perSecond, core * 100));
        assertThat(perSecond).isLessThanOrEqualTo(2.0);
        // the CPU share is printed, not asserted: on this shared 2-core machine other builds' load moves it
    }

    private static long searchableAfterMillis() {
        long started = System.nanoTime();
        String name = Api.createModel(unique("fresh"), "LOW").getString("name");
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> found(name));
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static boolean found(String name) {
        Reply r = Api.get("/search?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        return r.status() == 200 && r.body().contains(name);
    }

    private static JsonObject roles() {
        Reply r = Api.get("/system/readiness");
        return r.json().getJsonArray("checks").stream()
                .map(c -> c.asJsonObject())
                .filter(c -> c.getString("name").equals("roles"))
                .findFirst()
                .orElseThrow()
                .getJsonObject("data");
    }

    private static void awaitRoles() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        roles().getString("roles").equals("audit-chain,audit-maintenance,job-reaper,search-follower")
                                && roles().getString("listening").equals("true"));
    }

    /** Ends the server's listening session, as its own login may (the listener connects as the application). */
    private static void terminateListener() throws SQLException {
        try (Connection app = DriverManager.getConnection(System.getProperty("registry.it.db.app.url"));
                PreparedStatement ps = app.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE application_name = 'model-registry-listener'")) {
            ps.executeQuery().close();
        }
    }

    private static boolean tryLock(Connection c, int key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, Leadership.LOCK_CLASS);
            ps.setInt(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static long locks(Connection viewer, Connection holder, int key) throws SQLException {
        int pid;
        try (PreparedStatement ps = holder.prepareStatement("SELECT pg_backend_pid()");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            pid = rs.getInt(1);
        }
        // one row with a lock count is what pg_locks shows; stacked locks would need as many unlocks to free it
        try (PreparedStatement ps =
                holder.prepareStatement("SELECT pg_advisory_unlock(?, ?), pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, Leadership.LOCK_CLASS);
            ps.setInt(2, key);
            ps.setInt(3, Leadership.LOCK_CLASS);
            ps.setInt(4, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("held").isTrue();
                assertThat(rs.getBoolean(2)).as("held twice").isFalse();
            }
        }
        try (PreparedStatement ps = holder.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
            ps.setInt(1, Leadership.LOCK_CLASS);
            ps.setInt(2, key);
            ps.execute(); // taken back, once
        }
        try (PreparedStatement ps = viewer.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND pid = ? AND classid = ?::oid AND objid = ?::oid AND objsubid = 2")) {
            ps.setInt(1, pid);
            ps.setInt(2, Leadership.LOCK_CLASS);
            ps.setInt(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void awaitState(String runId, String state) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> state.equals(runState(runId)));
    }

    private static void awaitLeft(String runId, String state) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> !state.equals(runState(runId)));
    }

    private static String runState(String runId) {
        return Api.count("SELECT count(*) FROM evaluation_run WHERE id = CAST(? AS uuid) AND state = 'QUEUED'", runId)
                        == 1
                ? "QUEUED"
                : Api.count(
                                        "SELECT count(*) FROM evaluation_run WHERE id = CAST(? AS uuid) AND state = 'PASSED'",
                                        runId)
                                == 1
                        ? "PASSED"
                        : "OTHER";
    }

    private static long commits() {
        return Api.count("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
    }

    private static long cpuTicks(long pid) throws Exception {
        // utime and stime, fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
