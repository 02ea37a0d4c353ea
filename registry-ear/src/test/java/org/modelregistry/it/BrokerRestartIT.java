package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.unique;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * The broker goes away in the middle of work and comes back: the API keeps accepting jobs (they wait in the
 * outbox), readiness reports the broker down and up again, the resource adapter reconnects the workers and the
 * relay's connections, and every run ends exactly once. The test broker restarts on request (a file the
 * EmbeddedServices launcher watches in its test mode). Runs in the Failsafe execution of its own, like CrashIT.
 */
class BrokerRestartIT {

    private static final int RUNS = 60;
    private static final Path DATA = Path.of(System.getProperty("registry.it.data.dir", "target/it-data"));

    @BeforeAll
    static void startServer() {
        LibertyServer.start();
    }

    @AfterAll
    static void stopServer() {
        LibertyServer.stop();
    }

    private static int restarts() throws Exception {
        Path done = DATA.resolve("broker-restarted");
        return Files.exists(done) ? Integer.parseInt(Files.readString(done).trim()) : 0;
    }

    @Test
    void jobsQueuedBeforeDuringAndAfterABrokerRestartEndExactlyOnce() throws Exception {
        String suite = unique("restart");
        assertThat(Api.post(
                                "/evaluation-suites",
                                "{\"name\":\"" + suite + "\",\"checks\":[{\"name\":\"quality\","
                                        + "\"kind\":\"METRIC_THRESHOLD\",\"expression\":\"metrics.accuracy >= 0.9\"},{\"name\":\"integrity\","
                                        + "\"kind\":\"INTEGRITY\"}]}")
                        .status())
                .isEqualTo(201);
        String model = Api.createModel(unique("restart"), "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        String runs = "/models/" + model + "/versions/1.0.0/evaluations";
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Reply>> posted = new ArrayList<>();
        for (int i = 0; i < RUNS / 3; i++) {
            posted.add(clients.submit(
                    () -> Api.post(runs, "{\"suite\":\"" + suite + "\",\"metrics\":{\"accuracy\":" + "0.95}}")));
        }
        int before = restarts();
        Files.writeString(DATA.resolve("broker-restart"), "8");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() ->
                        Api.get(Api.BASE_URL + "/health/ready", Api.NO_AUTH, "").status() == 503);
        // the broker is down: the API still takes jobs, which wait in the outbox
        for (int i = 0; i < RUNS / 3; i++) {
            posted.add(clients.submit(
                    () -> Api.post(runs, "{\"suite\":\"" + suite + "\",\"metrics\":{\"accuracy\":" + "0.95}}")));
        }
        for (Future<Reply> f : posted) {
            assertThat(f.get().status()).as(f.get().body()).isEqualTo(202);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> restarts() == before + 1);
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() ->
                        Api.get(Api.BASE_URL + "/health/ready", Api.NO_AUTH, "").status() == 200);
        for (int i = 0; i < RUNS / 3; i++) {
            assertThat(Api.post(runs, "{\"suite\":\"" + suite + "\",\"metrics\":{\"accuracy\":0.95}}")
                            .status())
                    .isEqualTo(202);
        }
        clients.shutdown();

        String finished = "SELECT count(*) FROM evaluation_run r JOIN model_version v ON v.id = r.version_id WHERE"
                + " v.model_id = CAST(? AS uuid) AND r.state = 'PASSED'";
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Api.count(finished, model) == RUNS);
        assertThat(Api.count(
                        "SELECT count(*) FROM evaluation_check_result c JOIN evaluation_run r ON r.id = c.run_id"
                                + " JOIN model_version v ON v.id = r.version_id WHERE v.model_id = CAST(? AS uuid)",
                        model))
                .isEqualTo(RUNS * 2L);
        assertThat(Api.count(
                        "SELECT count(*) FROM audit_event a JOIN evaluation_run r ON r.id::text ="
                                + " a.details->>'run' JOIN model_version v ON v.id = r.version_id WHERE a.action ="
                                + " 'evaluation.finished' AND v.model_id = CAST(? AS uuid)",
                        model))
                .isEqualTo(RUNS);
    }
}
