package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.unique;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.modelregistry.it.Api.Reply;
import org.openqa.selenium.By;

/**
 * Two Liberty servers as one registry, on this machine with real processes: the integration-test server (A) and a
 * copy of it on other ports with a data directory of its own (B), sharing one PostgreSQL, one Artemis broker and one
 * blob directory (as a shared volume would be), each running its Hazelcast member and its own local search index.
 * They form one cluster; what one server writes the other reads fresh; tokens, revocations, rate limits and console
 * sessions hold across both; jobs are worked by both; and B serves on while A is killed, until A rejoins.
 *
 * <p>Runs on its own (the crash execution), after the other integration tests stopped the shared server. The last
 * test kills A: it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String B_NAME = LibertyServer.NAME + "-b";
    private static final Path B_DIR = LibertyServer.DIR.resolveSibling(B_NAME);
    private static final Path A_JVM_OPTIONS = LibertyServer.DIR.resolve("jvm.options");
    private static final String A = Api.BASE_URL;
    private static final String B = "http://127.0.0.1:" + Integer.getInteger("registry.it.b.http.port");
    private static String originalJvmOptions;

    @BeforeAll
    static void startCluster() throws IOException {
        int hzA = Integer.getInteger("registry.it.hz.port");
        int hzB = Integer.getInteger("registry.it.b.hz.port");
        String members = "-Dregistry.cluster.members=127.0.0.1:" + hzA + ",127.0.0.1:" + hzB;
        originalJvmOptions = Files.readString(A_JVM_OPTIONS);
        Files.writeString(A_JVM_OPTIONS, originalJvmOptions.stripTrailing() + "\n" + members + "\n");
        LibertyServer.start();

        LibertyServer.copyServer(B_DIR);
        Path dataA = Path.of(System.getProperty("registry.it.data.dir"));
        Path dataB = dataA.resolveSibling("it-data-b");
        String secretsKey = Files.readString(dataA.resolve("keys/secrets-key")).trim();
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(B_DIR.resolve("jvm.options"))) {
            if (!line.startsWith("-Dregistry.data.dir=")
                    && !line.startsWith("-Dregistry.cluster.")
                    && !line.startsWith("-Dregistry.secrets.key=")) {
                options.add(line);
            }
        }
        options.add("-Dregistry.data.dir=" + dataB);
        options.add("-Dregistry.cluster.port=" + hzB);
        options.add(members);
        // a cluster shares the secrets key (the signing key is sealed with it) and the artifact store
        options.add("-Dregistry.secrets.key=" + secretsKey);
        options.add("-Dregistry.storage.dir=" + dataA.resolve("blobs"));
        Files.write(B_DIR.resolve("jvm.options"), options);
        List<String> bootstrap = new ArrayList<>();
        for (String line : Files.readAllLines(B_DIR.resolve("bootstrap.properties"))) {
            if (!line.startsWith("registry.http.port=") && !line.startsWith("registry.https.port=")) {
                bootstrap.add(line);
            }
        }
        bootstrap.add("registry.http.port=" + Integer.getInteger("registry.it.b.http.port"));
        bootstrap.add("registry.https.port=" + Integer.getInteger("registry.it.b.https.port"));
        Files.write(B_DIR.resolve("bootstrap.properties"), bootstrap);
        LibertyServer.run(B_NAME, "start");
        LibertyServer.awaitReady(B);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> members(A) == 2 && members(B) == 2);
    }

    @AfterAll
    static void stopCluster() throws IOException {
        try {
            LibertyServer.run(B_NAME, "stop");
        } finally {
            try {
                LibertyServer.stop();
            } finally {
                Files.writeString(A_JVM_OPTIONS, originalJvmOptions);
            }
        }
    }

    private static String api(String server, String path) {
        return server + "/api/v1" + path;
    }

    private static int members(String server) {
        Reply r = Api.get(api(server, "/admin/cluster"));
        return r.status() == 200 ? r.json().getJsonArray("members").size() : -1;
    }

    @Test
    @Order(1)
    void theServersFormOneClusterAndSayHowManyTheyAre() {
        JsonObject a = Api.get(api(A, "/admin/cluster")).json();
        JsonObject b = Api.get(api(B, "/admin/cluster")).json();
        assertThat(a.getJsonArray("members")).hasSize(2);
        assertThat(a.getJsonArray("members").getJsonObject(0).getBoolean("local"))
                .isTrue();
        assertThat(b.getJsonArray("members").getJsonObject(0).getString("uuid"))
                .as("each sees itself first, and the other second")
                .isEqualTo(a.getJsonArray("members").getJsonObject(1).getString("uuid"));
        Reply ready = Api.get(B + "/health/ready", Api.NO_AUTH, "");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body())
                .as("nothing but the status for anonymous callers")
                .doesNotContain("127.0.0.1", "members");
        Reply details = Api.get(api(B, "/system/readiness"));
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.body()).contains("\"cluster\"", "\"members\":\"2\"");
        assertThat(Api.get(api(B, "/admin/cluster"), "Authorization", Api.member("VIEWER"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    @Order(2)
    void aWriteThroughAIsReadFreshThroughBAtOnce() {
        String id = Api.post(
                        api(A, "/models"),
                        "{\"group\":\"" + unique("cluster") + "\",\"name\":\"fresh\",\"riskTier\":\"LOW\"}")
                .json()
                .getString("id");
        for (int i = 0; i < 25; i++) {
            Reply before = Api.get(api(B, "/models/" + id)); // cached by B (and then by the cluster)
            assertThat(before.status()).isEqualTo(200);
            Reply patched = Api.patch(
                    api(A, "/models/" + id),
                    "{\"description\":\"revision " + i + "\"}",
                    "Content-Type",
                    "application/merge-patch+json",
                    "If-Match",
                    before.header("ETag"));
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            Reply after = Api.get(api(B, "/models/" + id));
            assertThat(after.json().getString("description"))
                    .as("read through B right after the write through A returned")
                    .isEqualTo("revision " + i);
            assertThat(after.header("ETag")).isEqualTo(patched.header("ETag"));
        }
        Api.post(api(A, "/models/" + id + "/versions"), "{\"version\":\"1.0.0\"}");
        assertThat(Api.get(api(B, "/models/" + id + "/versions/1.0.0")).json().getString("state"))
                .isEqualTo("DRAFT");
        assertThat(Api.post(api(A, "/models/" + id + "/versions/1.0.0/transitions"), "{\"to\":\"IN_REVIEW\"}")
                        .status())
                .isEqualTo(200);
        assertThat(Api.get(api(B, "/models/" + id + "/versions/1.0.0")).json().getString("state"))
                .isEqualTo("IN_REVIEW");
        assertThat(Api.delete(
                                api(A, "/models/" + id),
                                "If-Match",
                                Api.get(api(A, "/models/" + id)).header("ETag"))
                        .status())
                .isIn(204, 409);
        JsonObject cache = Api.get(api(B, "/admin/cluster")).json();
        assertThat(cache.getJsonNumber("modelHits").longValue())
                .as("reads through B were answered from the cache between writes")
                .isPositive();
    }

    @Test
    @Order(3)
    void aVersionRegisteredThroughAIsFoundBySearchThroughBWithinASecond() {
        String name = unique("findable");
        String id = Api.post(
                        api(A, "/models"), "{\"group\":\"cluster\",\"name\":\"" + name + "\",\"riskTier\":\"LOW\"}")
                .json()
                .getString("id");
        long registered = System.nanoTime();
        Api.post(api(A, "/models/" + id + "/versions"), "{\"version\":\"2.0.0\"}");
        Awaitility.await()
                .atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> Api.get(api(B, "/search?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8)))
                        .body()
                        .contains("2.0.0"));
        assertThat(System.nanoTime() - registered)
                .isLessThan(Duration.ofSeconds(1).toNanos());
    }

    @Test
    @Order(4)
    void aMembershipRemovedOrLoweredThroughAIsRefusedByBOnTheVeryNextRequest() {
        String name = unique("cluster-member");
        Reply user = Api.post(
                api(A, "/users"),
                "{\"username\":\"" + name + "\",\"password\":\"" + Api.MEMBER_PASSWORD + "\","
                        + "\"memberships\":[{\"organization\":\"default\",\"role\":\"CONTRIBUTOR\"}]}");
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        String bearer = "Bearer "
                + Api.post(
                                api(B, "/auth/token"),
                                "{\"username\":\"" + name + "\",\"password\":\"" + Api.MEMBER_PASSWORD + "\"}",
                                Api.NO_AUTH,
                                "")
                        .json()
                        .getString("access_token");
        String model = Api.createModel(unique("cluster-callers"), "LOW").getString("id");
        String own = Api.post(
                        api(A, "/models"),
                        "{\"group\":\"" + unique("cluster-callers") + "\",\"name\":\"m\",\"riskTier\":\"LOW\","
                                + "\"owners\":[\"" + name + "\"]}")
                .json()
                .getString("id");
        for (int i = 0; i < 3; i++) { // B keeps the member's grant in the cluster's caller cache
            assertThat(Api.patch(
                                    api(B, "/models/" + own),
                                    "{\"description\":\"through B " + i + "\"}",
                                    "Authorization",
                                    bearer)
                            .status())
                    .isEqualTo(200);
            assertThat(Api.get(api(B, "/models/" + model), "Authorization", bearer)
                            .status())
                    .isEqualTo(200);
        }
        String path = api(A, "/users/" + user.json().getString("id"));
        assertThat(Api.patch(path, "{\"memberships\":[{\"organization\":\"default\",\"role\":\"VIEWER\"}]}")
                        .status())
                .isEqualTo(200);
        assertThat(Api.patch(api(B, "/models/" + own), "{\"description\":\"x\"}", "Authorization", bearer)
                        .status())
                .as("an owner lowered to VIEWER through A, writing through B right after")
                .isEqualTo(403);
        assertThat(Api.patch(path, "{\"memberships\":[]}").status()).isEqualTo(200);
        assertThat(Api.get(api(B, "/models/" + model), "Authorization", bearer).status())
                .as("removed from the organization through A, reading through B right after")
                .isEqualTo(404);
        assertThat(Api.patch(path, "{\"active\":false}").status()).isEqualTo(200);
        assertThat(Api.get(api(B, "/models?limit=5"), "Authorization", bearer)
                        .json()
                        .getJsonArray("items"))
                .isEmpty();
    }

    @Test
    @Order(4)
    void aTokenOfAIsAcceptedByBAndAKeyRevokedThroughAIsRefusedByBAtOnce() {
        String bearer = Api.member("VIEWER");
        String model = Api.createModel(unique("cluster-keys"), "LOW").getString("id");
        assertThat(Api.get(api(B, "/models/" + model), "Authorization", bearer).status())
                .isEqualTo(200);
        Reply created = Api.post(
                api(A, "/service-accounts"),
                "{\"name\":\"" + unique("ci") + "\",\"organization\":\"default\",\"role\":\"CONTRIBUTOR\","
                        + "\"expiresInDays\":30}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().getString("apiKey");
        Reply token = Api.post(api(B, "/auth/token"), "{\"apiKey\":\"" + key + "\"}", Api.NO_AUTH, "");
        assertThat(token.status()).isEqualTo(200);
        String keyBearer = "Bearer " + token.json().getString("access_token");
        assertThat(Api.get(api(A, "/models/" + model), "Authorization", keyBearer)
                        .status())
                .isEqualTo(200);
        String account = created.json().getJsonObject("account").getString("id");
        assertThat(Api.delete(api(A, "/service-accounts/" + account)).status()).isEqualTo(204);
        assertThat(Api.post(api(B, "/auth/token"), "{\"apiKey\":\"" + key + "\"}", Api.NO_AUTH, "")
                        .status())
                .isEqualTo(401);
        assertThat(Api.get(api(B, "/models/" + model), "Authorization", keyBearer)
                        .status())
                .as("a token of the revoked key, on the other server, right after the revocation: it sees nothing")
                .isEqualTo(404);
    }

    @Test
    @Order(5)
    void aRateLimitHoldsAcrossBothServers() {
        // the IT servers allow AUDITOR 5 requests a minute: spread over two servers, still 5 in all
        String auditor = Api.member("AUDITOR");
        int allowed = 0;
        int limited = 0;
        for (int i = 0; i < 10; i++) {
            Reply r = Api.get(api(i % 2 == 0 ? A : B, "/models?limit=1"), "Authorization", auditor);
            if (r.status() == 200) {
                allowed++;
            } else {
                assertThat(r.status()).isEqualTo(429);
                assertThat(r.header("Retry-After")).isNotNull();
                limited++;
            }
        }
        assertThat(allowed).isEqualTo(5);
        assertThat(limited).isEqualTo(5);
    }

    @Test
    @Order(6)
    void jobsQueuedThroughAAreWorkedByBoth() {
        String suite = unique("cluster");
        assertThat(Api.post(
                                api(A, "/evaluation-suites"),
                                "{\"name\":\"" + suite + "\",\"checks\":[{\"name\":\"quality\","
                                        + "\"kind\":\"METRIC_THRESHOLD\",\"expression\":\"metrics.accuracy >= 0.9\"}]}")
                        .status())
                .isEqualTo(201);
        String model = Api.createModel(unique("cluster-jobs"), "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        String runs = api(A, "/models/" + model + "/versions/1.0.0/evaluations");
        for (int i = 0; i < 60; i++) {
            assertThat(Api.post(runs, "{\"suite\":\"" + suite + "\",\"metrics\":{\"accuracy\":0.95}}")
                            .status())
                    .isEqualTo(202);
        }
        String done = "SELECT count(*) FROM evaluation_run r JOIN model_version v ON v.id = r.version_id"
                + " WHERE v.model_id = CAST(? AS uuid) AND r.state = 'PASSED'";
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> Api.count(done, model) == 60);
        long workers = Api.count(
                "SELECT count(DISTINCT split_part(r.lease_owner, '/', 1)) FROM evaluation_run r"
                        + " JOIN model_version v ON v.id = r.version_id WHERE v.model_id = CAST(? AS uuid)",
                model);
        assertThat(workers).as("runs worked by each of the two servers").isEqualTo(2);
    }

    @Test
    @Order(7)
    void bServesOnWithoutErrorsWhileAIsKilledAndAConsoleSessionOfAKeepsWorkingOnB() throws Exception {
        String user = Api.newMember("VIEWER");
        String model = Api.createModel(unique("cluster-kill"), "LOW").getString("id");
        try (Browser browser = new Browser()) {
            browser.signIn(user, Api.MEMBER_PASSWORD);
            assertThat(browser.driver.getCurrentUrl()).doesNotContain("login");

            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(2);
            List<Future<List<String>>> load = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                load.add(clients.submit(() -> {
                    List<String> failures = new ArrayList<>();
                    while (!stop.get()) {
                        Reply read = Api.get(api(B, "/models/" + model));
                        if (read.status() != 200) {
                            failures.add("read " + read.status() + " " + read.body());
                        }
                        Reply write = Api.post(
                                api(B, "/models"),
                                "{\"group\":\"" + unique("during") + "\",\"name\":\"m\",\"riskTier\":\"LOW\"}");
                        if (write.status() != 201) {
                            failures.add("write " + write.status() + " " + write.body());
                        }
                    }
                    return failures;
                }));
            }
            Thread.sleep(1000); // some load before the kill: the servers are in full use when A dies
            LibertyServer.kill();
            long killed = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> members(B) == 1);
            // keep the load on B for a while with A gone
            Awaitility.await()
                    .pollDelay(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(6))
                    .until(() -> true);
            stop.set(true);
            List<String> failures = new ArrayList<>();
            for (Future<List<String>> f : load) {
                failures.addAll(f.get());
            }
            clients.shutdown();
            assertThat(failures).as("B's answers while A was killed").isEmpty();
            assertThat(System.nanoTime() - killed)
                    .isLessThan(Duration.ofSeconds(40).toNanos());

            // the console session opened on A goes on on B (cookies are per host, not per port)
            browser.driver.get(B + "/console/index.xhtml");
            browser.wait.until(d -> !d.findElements(By.tagName("h1")).isEmpty());
            assertThat(browser.driver.getCurrentUrl()).as("still signed in").doesNotContain("login");
            assertThat(browser.driver.getPageSource()).contains(user);
            browser.screenshot("cluster-session-on-b");
            browser.driver.get(B + "/console/models.xhtml");
            browser.wait.until(d -> !d.findElements(By.tagName("h1")).isEmpty());
            assertThat(browser.driver.getCurrentUrl()).doesNotContain("login");
        }

        LibertyServer.restart();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> members(A) == 2 && members(B) == 2);
        String id = Api.post(
                        api(A, "/models"),
                        "{\"group\":\"" + unique("rejoined") + "\",\"name\":\"m\",\"riskTier\":\"LOW\"}")
                .json()
                .getString("id");
        assertThat(Api.get(api(B, "/models/" + id)).status()).isEqualTo(200);
    }

    static {
        // the shared blob directory must exist before B starts (A makes it on first upload)
        try {
            Files.createDirectories(Path.of(System.getProperty("registry.it.data.dir", "target/it-data"), "blobs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
