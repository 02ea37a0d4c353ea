package org.modelregistry.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.unique;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Exactly once across a crash: with 200 evaluation runs and 20 deployments queued or running, the Liberty JVM is
 * killed with SIGKILL and started again. Every run then ends PASSED or FAILED exactly once (one finish record, one
 * result per check, none stuck RUNNING), and every deployment is dispatched exactly once; every call its target got
 * carries the deployment's idempotency key, and beyond the calls the registry recorded the target saw at most the one
 * in flight when the JVM died. This class starts and stops the server
 * itself (bin/server), after the other integration tests stopped it, on the same database and broker.
 */
class CrashIT {

    private static final int RUNS = 200;
    private static final int DEPLOYMENTS = 20;
    private static WireMockServer target;

    private static String base() {
        return "http://127.0.0.1:" + target.port();
    }

    @BeforeAll
    static void startServer() throws Exception {
        LibertyServer.start();
        // the port the IT server may call (registry.outbound.allow in registry-ear/pom.xml)
        target = new WireMockServer(
                options().bindAddress("127.0.0.1").port(Integer.getInteger("registry.it.crash.target.port")));
        target.start();
        // slow enough that calls are in flight when the server dies
        target.stubFor(post(urlEqualTo("/crash"))
                .willReturn(aResponse().withStatus(202).withFixedDelay(400)));
    }

    @AfterAll
    static void stopServer() throws Exception {
        try {
            if (target != null) {
                target.stop();
            }
        } finally {
            LibertyServer.stop();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void everyJobEndsExactlyOnceAfterTheServerIsKilled() throws Exception {
        // a version with 16 MB of stored weights: each run re-hashes them twice, so runs take a while
        String suite = unique("crash");
        assertThat(Api.post(
                                "/evaluation-suites",
                                "{\"name\":\"" + suite + "\",\"checks\":["
                                        + "{\"name\":\"integrity\",\"kind\":\"INTEGRITY\"},{\"name\":\"again\",\"kind\":\"INTEGRITY\"},"
                                        + "{\"name\":\"quality\",\"kind\":\"METRIC_THRESHOLD\",\"expression\":\"metrics.accuracy >= 0.9\"},"
                                        + "{\"name\":\"licences\",\"kind\":\"LICENSE\",\"allow\":[\"MIT\"]}]}")
                        .status())
                .isEqualTo(201);
        String model = Api.createModel(unique("crash"), "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        String path = "/models/" + model + "/versions/1.0.0";
        byte[] weights = new byte[16 << 20];
        new Random(7).nextBytes(weights);
        String artifact = Api.post(
                        path + "/artifacts",
                        "{\"type\":\"MODEL_WEIGHTS\",\"name\":\"w.bin\",\"sha256\":\"" + sha256(weights)
                                + "\",\"size\":" + weights.length + ",\"license\":\"MIT\"}")
                .json()
                .getString("id");
        assertThat(Api.put(path + "/artifacts/" + artifact + "/content", BodyPublishers.ofByteArray(weights))
                        .status())
                .isEqualTo(200);

        // deployments: 20 approved versions, each to its own target
        String reviewer = Api.member("REVIEWER");
        String deployModel = Api.createModel(unique("crash-deploy"), "LOW").getString("id");
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < DEPLOYMENTS; i++) {
            String v = "1." + i + ".0";
            Api.createVersion(deployModel, v);
            String vp = "/models/" + deployModel + "/versions/" + v;
            assertThat(Api.post(vp + "/transitions", "{\"to\":\"IN_REVIEW\"}").status())
                    .isEqualTo(200);
            assertThat(Api.post(vp + "/approvals", "{\"decision\":\"APPROVE\"}", "Authorization", reviewer)
                            .status())
                    .isEqualTo(201);
            String name = unique("crash");
            assertThat(Api.post(
                                    "/deployment-targets",
                                    "{\"name\":\"" + name + "\",\"environment\":\"staging\"," + "\"url\":\"" + base()
                                            + "/crash\",\"secret\":\"crash-test-secret-0123\"}")
                            .status())
                    .isEqualTo(201);
            targets.add(name);
        }

        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Reply>> posted = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            posted.add(clients.submit(() -> Api.post(
                    path + "/evaluations", "{\"suite\":\"" + suite + "\"," + "\"metrics\":{\"accuracy\":0.95}}")));
        }
        for (int i = 0; i < DEPLOYMENTS; i++) {
            String v = "1." + i + ".0";
            String t = targets.get(i);
            posted.add(clients.submit(() -> Api.post(
                    "/models/" + deployModel + "/versions/" + v + "/deployments", "{\"target\":\"" + t + "\"}")));
        }
        for (Future<Reply> f : posted) {
            assertThat(f.get().status()).as(f.get().body()).isEqualTo(202);
        }
        clients.shutdown();

        String finishedRuns = "SELECT count(*) FROM evaluation_run WHERE version_id = (SELECT id FROM model_version"
                + " WHERE model_id = CAST(? AS uuid)) AND state IN ('PASSED', 'FAILED', 'ERROR')";
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> Api.count(finishedRuns, model) >= 10);
        LibertyServer.kill();
        long finishedAtKill = Api.count(finishedRuns, model);
        long dispatchedAtKill = Api.count(
                "SELECT count(*) FROM deployment WHERE model_id = CAST(? AS uuid) AND" + " dispatched_at IS NOT NULL",
                deployModel);
        assertThat(finishedAtKill)
                .as("runs were still to do when the server died")
                .isLessThan(RUNS);

        LibertyServer.restart();
        Awaitility.await()
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Api.count(finishedRuns, model) == RUNS
                        && Api.count(
                                        "SELECT count(*) FROM deployment"
                                                + " WHERE model_id = CAST(? AS uuid) AND dispatched_at IS NOT NULL",
                                        deployModel)
                                == DEPLOYMENTS);

        assertThat(Api.count(
                        "SELECT count(*) FROM evaluation_run WHERE version_id = (SELECT id FROM model_version"
                                + " WHERE model_id = CAST(? AS uuid)) AND state = 'PASSED'",
                        model))
                .as("every run passed")
                .isEqualTo(RUNS);
        assertThat(Api.count(
                        "SELECT count(*) FROM evaluation_check_result c JOIN evaluation_run r ON r.id = c.run_id"
                                + " JOIN model_version v ON v.id = r.version_id WHERE v.model_id = CAST(? AS uuid)",
                        model))
                .as("one result per check and run")
                .isEqualTo(RUNS * 4L);
        assertThat(Api.count(
                        "SELECT count(*) FROM audit_event a JOIN evaluation_run r ON r.id::text ="
                                + " a.details->>'run' JOIN model_version v ON v.id = r.version_id WHERE a.action ="
                                + " 'evaluation.finished' AND v.model_id = CAST(? AS uuid)",
                        model))
                .as("each run finished once")
                .isEqualTo(RUNS);
        assertThat(Api.count(
                        "SELECT count(*) FROM deployment WHERE model_id = CAST(? AS uuid) AND state ="
                                + " 'IN_PROGRESS' AND dispatched_at IS NOT NULL",
                        deployModel))
                .isEqualTo(DEPLOYMENTS);
        assertThat(Api.count(
                        "SELECT count(*) FROM audit_event a JOIN deployment d ON d.id = a.object_id WHERE"
                                + " a.action = 'deployment.dispatched' AND d.model_id = CAST(? AS uuid)",
                        deployModel))
                .as("each deployment dispatched once")
                .isEqualTo(DEPLOYMENTS);

        // the target: every call of a deployment carries its one idempotency key; beyond the calls the registry
        // recorded, at most the one in flight when the JVM died reached it unrecorded
        List<LoggedRequest> calls = target.findAll(postRequestedFor(urlEqualTo("/crash")));
        Map<String, List<LoggedRequest>> perDeployment =
                calls.stream().collect(Collectors.groupingBy(c -> c.getHeader("Idempotency-Key")));
        assertThat(perDeployment).hasSize(DEPLOYMENTS);
        for (var e : perDeployment.entrySet()) {
            long recorded =
                    Api.count("SELECT count(*) FROM deployment_call WHERE deployment_id = CAST(? AS uuid)", e.getKey());
            assertThat((long) e.getValue().size())
                    .as("calls to the target for deployment " + e.getKey())
                    .isBetween(recorded, recorded + 1);
            assertThat(e.getValue().stream().map(c -> {
                        String body = c.getBodyAsString();
                        return body.contains("\"deployment\":\"" + e.getKey() + "\"");
                    }))
                    .as("each call is about the deployment its key names")
                    .containsOnly(true);
        }
        long recoveredRuns = Api.count(
                "SELECT count(*) FROM evaluation_run WHERE version_id = (SELECT id FROM"
                        + " model_version WHERE model_id = CAST(? AS uuid)) AND attempt > 1",
                model);
        Logger.getLogger(CrashIT.class.getName())
                .info(String.format(
                        "CrashIT: killed with %d/%d"
                                + " runs finished and %d/%d deployments dispatched; %d runs needed a second attempt; %d calls to"
                                + " the target for %d deployments",
                        finishedAtKill, RUNS, dispatchedAtKill, DEPLOYMENTS, recoveredRuns, calls.size(), DEPLOYMENTS));
    }
}
