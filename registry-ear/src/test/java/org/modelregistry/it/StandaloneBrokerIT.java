package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.unique;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry against a standalone Artemis made from the distribution on Maven Central, as docs/operations.md
 * tells operators to (`artemis create ... --require-login`), so the resource adapter must sign in with
 * REGISTRY_JMS_USER/PASSWORD; the broker is then stopped and started again in the middle of work. Runs in the Failsafe
 * execution of its own, pointing the test server at that broker for its run.
 */
class StandaloneBrokerIT {

    private static final Path HOME =
            Path.of(System.getProperty("registry.it.artemis.home", "target/artemis-dist/apache-artemis-2.56.0"));
    private static final Path INSTANCE = Path.of(System.getProperty("registry.it.data.dir", "target/it-data"))
            .resolve("standalone-broker");
    private static final int PORT = Integer.getInteger("registry.it.jms.standalone.port", 61699);
    private static Process broker;
    private static String embeddedPort;

    @BeforeAll
    static void start() throws Exception {
        if (Files.exists(INSTANCE)) {
            try (Stream<Path> files = Files.walk(INSTANCE)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Process create = artemis(
                HOME.resolve("bin/artemis"),
                "create",
                INSTANCE.toString(),
                "--user",
                "registry",
                "--password",
                System.getProperty("registry.it.jms.password", "registry"),
                "--require-login",
                "--host",
                "127.0.0.1",
                "--http-host",
                "127.0.0.1",
                "--http-port",
                System.getProperty("registry.it.artemis.http.port", "18161"),
                "--default-port",
                String.valueOf(PORT),
                "--nio",
                "--silent");
        assertThat(create.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(create.exitValue()).isZero();
        startBroker();
        embeddedPort = LibertyServer.bootstrap("registry.jms.port", String.valueOf(PORT));
        LibertyServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            LibertyServer.stop();
        } finally {
            if (embeddedPort != null) {
                LibertyServer.bootstrap("registry.jms.port", embeddedPort);
            }
            stopBroker();
        }
    }

    private static Process artemis(Path script, String... args) throws IOException {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = script.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        INSTANCE.resolveSibling("standalone-broker.out").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return pb.start();
    }

    private static void startBroker() throws Exception {
        broker = artemis(INSTANCE.resolve("bin/artemis"), "run");
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", PORT), 500);
                        return true;
                    }
                });
    }

    private static void stopBroker() throws Exception {
        if (broker != null) {
            broker.descendants().forEach(ProcessHandle::destroy);
            broker.destroy();
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.descendants().forEach(ProcessHandle::destroyForcibly);
                broker.destroyForcibly();
            }
        }
    }

    @Test
    void evaluationsRunThroughAStandaloneBrokerThatRequiresLoginAndSurviveItsRestart() throws Exception {
        String suite = unique("standalone");
        assertThat(Api.post(
                                "/evaluation-suites",
                                "{\"name\":\"" + suite + "\",\"checks\":[{\"name\":\"quality\","
                                        + "\"kind\":\"METRIC_THRESHOLD\",\"expression\":\"metrics.accuracy >= 0.9\"}]}")
                        .status())
                .isEqualTo(201);
        String model = Api.createModel(unique("standalone"), "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        String runs = "/models/" + model + "/versions/1.0.0/evaluations";
        String passed = "SELECT count(*) FROM evaluation_run r JOIN model_version v ON v.id = r.version_id WHERE"
                + " v.model_id = CAST(? AS uuid) AND r.state = 'PASSED'";
        for (int i = 0; i < 10; i++) {
            assertThat(Api.post(runs, "{\"suite\":\"" + suite + "\",\"metrics\":{\"accuracy\":0.95}}")
                            .status())
                    .isEqualTo(202);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Api.count(passed, model) == 10);

        stopBroker();
        for (int i = 0; i < 10; i++) {
            assertThat(Api.post(runs, "{\"suite\":\"" + suite + "\",\"metrics\":{\"accuracy\":0.95}}")
                            .status())
                    .as("queued while the broker is down")
                    .isEqualTo(202);
        }
        startBroker();
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Api.count(passed, model) == 20);
        assertThat(Api.count(
                        "SELECT count(*) FROM audit_event a JOIN evaluation_run r ON r.id::text ="
                                + " a.details->>'run' JOIN model_version v ON v.id = r.version_id WHERE a.action ="
                                + " 'evaluation.finished' AND v.model_id = CAST(? AS uuid)",
                        model))
                .isEqualTo(20);
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() ->
                        Api.get(Api.BASE_URL + "/health/ready", Api.NO_AUTH, "").status() == 200);
    }
}
