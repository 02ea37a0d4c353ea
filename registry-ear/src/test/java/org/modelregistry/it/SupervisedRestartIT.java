package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.unique;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * The embedded services die under the registry and nobody steps in: the launcher (EmbeddedServices, here in its
 * test mode) restarts them and the registry becomes ready again by itself. The PostgreSQL case kills the postmaster
 * with SIGKILL while clients register models and versions; the broker case stops the broker through its management
 * API (forceFailover, an operation any holder of the manage permission can call: the broker stops as after a
 * critical I/O error, and the launcher is told nothing). Runs in the Failsafe execution of its own, like CrashIT.
 */
class SupervisedRestartIT {

    private static final Logger LOG = Logger.getLogger(SupervisedRestartIT.class.getName());

    private static final Path DATA = Path.of(System.getProperty("registry.it.data.dir", "target/it-data"));
    private static final int WRITERS = 3;
    /** Bounds each writer, whatever happens: the test never sends more than this. */
    private static final int MAX_WRITES_PER_WRITER = 3_000;

    @BeforeAll
    static void startServer() {
        LibertyServer.start();
    }

    @AfterAll
    static void stopServer() {
        LibertyServer.stop();
    }

    @BeforeEach
    void ready() {
        awaitReadiness(200, Duration.ofSeconds(60));
    }

    private static int readiness() {
        return Api.get(Api.BASE_URL + "/health/ready", Api.NO_AUTH, "").status();
    }

    private static void awaitReadiness(int status, Duration atMost) {
        Awaitility.await()
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> readiness() == status);
    }

    private static long postmasterPid() throws Exception {
        return Long.parseLong(Files.readAllLines(DATA.resolve("postgres/postmaster.pid"))
                .get(0)
                .trim());
    }

    /** What a writer saw. */
    record Outcome(List<String> models, List<String[]> versions, int unavailable, List<String> unexpected) {}

    @Test
    void aPostmasterKilledMidWritesIsRestartedAndEveryAcknowledgedWriteSurvives() throws Exception {
        String group = unique("supervised");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger acknowledged = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<Outcome>> outcomes = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            outcomes.add(writers.submit(() -> write(group, stop, acknowledged)));
        }
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= 30);
            long pid = postmasterPid();
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            assertThat(postmaster.isAlive()).isTrue();
            long killedAt = System.nanoTime();
            postmaster.destroyForcibly(); // SIGKILL: no shutdown, no checkpoint, the backends orphaned
            int before = acknowledged.get();

            // nobody does anything: the launcher restarts the postmaster (after a second), PostgreSQL recovers from its
            // WAL, the pool drops the dead connections, and readiness comes back. Readiness is DOWN meanwhile, but the
            // window can be shorter than a probe: the new postmaster is what shows the restart.
            AtomicBoolean sawDown = new AtomicBoolean();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> {
                        if (readiness() == 503) {
                            sawDown.set(true);
                        }
                        return postmasterPid() != pid;
                    });
            awaitReadiness(200, Duration.ofSeconds(60));
            LOG.info("readiness DOWN seen while PostgreSQL was away: " + sawDown.get());
            long recoveredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            LOG.info("readiness UP again " + recoveredMillis + " ms after the SIGKILL");
            assertThat(recoveredMillis).isLessThan(60_000);
            long restarted = postmasterPid();
            assertThat(restarted).as("a new postmaster").isNotEqualTo(pid);
            assertThat(ProcessHandle.of(restarted).map(ProcessHandle::isAlive)).contains(true);

            // writes go on after the recovery
            int atRecovery = acknowledged.get();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= atRecovery + 30);
            assertThat(acknowledged.get()).isGreaterThan(before);
        } finally {
            stop.set(true);
            writers.shutdown();
            assertThat(writers.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        }

        List<String> models = new ArrayList<>();
        List<String[]> versions = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        int unavailable = 0;
        for (Future<Outcome> f : outcomes) {
            Outcome o = f.get();
            models.addAll(o.models());
            versions.addAll(o.versions());
            unexpected.addAll(o.unexpected());
            unavailable += o.unavailable();
        }
        LOG.info(models.size() + " models and " + versions.size() + " versions acknowledged, " + unavailable
                + " writes answered 503 while the database was down");
        assertThat(unexpected)
                .as("while the database is down the API answers 503 problem+json, never a 500 or an HTML page")
                .isEmpty();

        // every acknowledged write is in the database
        try (Connection c = Api.db()) {
            assertThat(existing(c, "SELECT id::text FROM model WHERE id = ANY(?)", models))
                    .containsExactlyInAnyOrderElementsOf(models);
            Set<String> expectedVersions = new HashSet<>();
            Set<String> versionIds = new HashSet<>();
            for (String[] v : versions) {
                versionIds.add(v[0]);
                expectedVersions.add(v[0] + "@" + v[1]);
            }
            Set<String> found = new HashSet<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT id::text, version FROM model_version WHERE id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("uuid", versionIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1) + "@" + rs.getString(2));
                    }
                }
            }
            assertThat(found).isEqualTo(expectedVersions);
        }
        // a write now succeeds at once, and the background work came through the outage: the audit chainer links
        // every record written around it, and the search index follows the log again
        String name = unique("after");
        Reply after =
                Api.post("/models", "{\"group\":\"" + group + "\",\"name\":\"" + name + "\",\"riskTier\":\"LOW\"}");
        assertThat(after.status()).as(after.body()).isEqualTo(201);
        List<String> linked = new ArrayList<>(models);
        linked.add(after.json().getString("id"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    try (Connection c = Api.db()) {
                        return existing(
                                                c,
                                                "SELECT DISTINCT object_id::text FROM audit_event WHERE object_id = ANY(?)"
                                                        + " AND seq IS NOT NULL AND hash IS NOT NULL",
                                                linked)
                                        .size()
                                == linked.size();
                    }
                });
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Reply found = Api.get("/search?mode=lexical&group=" + group + "&q="
                            + URLEncoder.encode("\"" + name + "\"", StandardCharsets.UTF_8));
                    return found.status() == 200 && found.json().getInt("total") == 1;
                });
    }

    private static List<String> existing(Connection c, String sql, List<String> ids) throws Exception {
        List<String> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array array = c.createArrayOf("uuid", ids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    /** Registers models, each with two versions, until told to stop; records what was acknowledged. */
    private static Outcome write(String group, AtomicBoolean stop, AtomicInteger acknowledged) {
        List<String> models = new ArrayList<>();
        List<String[]> versions = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        int unavailable = 0;
        for (int i = 0; i < MAX_WRITES_PER_WRITER && !stop.get(); i++) {
            Reply r;
            try {
                r = Api.post(
                        "/models",
                        "{\"group\":\"" + group + "\",\"name\":\"" + unique("m") + "\",\"riskTier\":\"LOW\"}");
            } catch (UncheckedIOException e) {
                unexpected.add("no answer: " + e.getMessage());
                continue;
            }
            if (!judge(r, unexpected)) {
                unavailable += r.status() == 503 ? 1 : 0;
                continue;
            }
            String model = r.json().getString("id");
            models.add(model);
            acknowledged.incrementAndGet();
            for (String version : new String[] {"1.0.0", "1.1.0"}) {
                Reply v;
                try {
                    v = Api.post("/models/" + model + "/versions", "{\"version\":\"" + version + "\"}");
                } catch (UncheckedIOException e) {
                    unexpected.add("no answer: " + e.getMessage());
                    continue;
                }
                if (judge(v, unexpected)) {
                    versions.add(new String[] {v.json().getString("id"), version});
                    acknowledged.incrementAndGet();
                } else {
                    unavailable += v.status() == 503 ? 1 : 0;
                }
            }
        }
        return new Outcome(models, versions, unavailable, unexpected);
    }

    /** True for a 201; a 503 problem is allowed while the database is down; anything else is recorded. */
    private static boolean judge(Reply r, List<String> unexpected) {
        if (r.status() == 201) {
            return true;
        }
        String type = String.valueOf(r.contentType());
        boolean problem = type.startsWith("application/problem+json");
        if (!(r.status() == 503 && problem)) {
            unexpected.add(r.status() + " " + type + " "
                    + r.body().substring(0, Math.min(300, r.body().length())));
        }
        return false;
    }

    @Test
    void aBrokerStoppedThroughItsManagementApiIsRestartedAndJobsAreWorkedAgain() throws Exception {
        String suite = unique("supervised");
        assertThat(Api.post(
                                "/evaluation-suites",
                                "{\"name\":\"" + suite + "\",\"checks\":[{\"name\":\"quality\","
                                        + "\"kind\":\"METRIC_THRESHOLD\",\"expression\":\"metrics.accuracy >= 0.9\"}]}")
                        .status())
                .isEqualTo(201);
        String model = Api.createModel(unique("supervised"), "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        String runs = "/models/" + model + "/versions/1.0.0/evaluations";
        String body = "{\"suite\":\"" + suite + "\",\"metrics\":{\"accuracy\":0.95}}";
        assertThat(Api.post(runs, body).status()).isEqualTo(202);

        long stoppedAt = System.nanoTime();
        Object answer = manage(
                request -> ManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, "forceFailover"));
        assertThat(answer).as("the broker took the request before it stopped").isNotNull();
        // jobs queued meanwhile wait in the outbox; the broker is back within the supervisor's first delay (1 s), so
        // quickly that the readiness check (which waits 2 s for the broker) may not even report it DOWN
        assertThat(Api.post(runs, body).status()).isEqualTo(202);
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> {
                    long uptime = ((Number) manage(request ->
                                    ManagementHelper.putAttribute(request, ResourceNames.BROKER, "uptimeMillis")))
                            .longValue();
                    // a broker up for less time than has passed since the stop is a new one
                    return uptime < TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
                });
        awaitReadiness(200, Duration.ofSeconds(60));
        assertThat(Api.post(runs, body).status()).isEqualTo(202);

        String passed = "SELECT count(*) FROM evaluation_run r JOIN model_version v ON v.id = r.version_id WHERE"
                + " v.model_id = CAST(? AS uuid) AND r.state = 'PASSED'";
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Api.count(passed, model) == 3);
    }

    /** Puts an operation or attribute read into a management message. */
    @FunctionalInterface
    interface ManagementCall {
        void put(ClientMessage request) throws Exception;
    }

    /**
     * Calls the test broker's management address (as the registry's own user, which holds the manage permission)
     * and returns the result. {@code forceFailover} stops the broker and tells nothing to the launcher, as when a
     * broker stops on its own.
     */
    private static Object manage(ManagementCall call) throws Exception {
        String url = "tcp://127.0.0.1:" + System.getProperty("registry.it.jms.port");
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url);
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession(
                        "registry", System.getProperty("registry.it.jms.password"), false, true, true, false, 1)) {
            ClientRequestor requestor = new ClientRequestor(session, "activemq.management");
            ClientMessage request = session.createMessage(false);
            call.put(request);
            session.start();
            ClientMessage reply = requestor.request(request, 5_000);
            if (reply == null || !ManagementHelper.hasOperationSucceeded(reply)) {
                throw new IllegalStateException("the broker did not answer the management call");
            }
            Object result = ManagementHelper.getResult(reply);
            return result == null ? Boolean.TRUE : result;
        }
    }
}
