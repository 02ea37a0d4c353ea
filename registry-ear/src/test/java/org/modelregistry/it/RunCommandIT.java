package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * The run command's launcher ({@code EmbeddedServices run}, what {@code liberty-config/bin/registry} runs) on a
 * server directory that {@code server create} did not make, as the run build's can be: no server.env, so no keystore
 * password, and a keystore left there for another data directory. Before the launcher handed Liberty a password of
 * its own, such a server made no default SSL configuration, its bearer-token check (mpJwt) never started, and every
 * request with a token was refused with 401, while the server reported ready.
 *
 * <p>The launcher starts the embedded PostgreSQL and broker on a fresh data directory, then Liberty on a copy of the
 * test server with their connection settings in its environment. Runs in the crash execution, on the second
 * registry's ports ({@link SecondRegistryImportIT} frees them when it ends).
 */
class RunCommandIT {

    private static final String NAME = LibertyServer.NAME + "-run";
    private static final Path DIR = LibertyServer.DIR.resolveSibling(NAME);
    private static final Path DATA = Path.of(System.getProperty("registry.it.data.dir", "target/it-data"))
            .toAbsolutePath()
            .resolveSibling("it-data-run");
    private static final String URL = "http://127.0.0.1:" + Integer.getInteger("registry.it.src.http.port");
    private static final Path KEYSTORE = DIR.resolve("resources/security/key.p12");

    private static Process launcher;

    @BeforeAll
    static void runTheLauncher() throws Exception {
        stopLeftovers();
        LibertyServer.copyServer(DIR);
        Files.copy(
                Path.of(System.getProperty("registry.it.ear", "target/registry.ear")),
                Files.createDirectories(DIR.resolve("dropins")).resolve("registry.ear"),
                StandardCopyOption.REPLACE_EXISTING);
        // what `server create` would have written, gone; a keystore made with another data directory's password
        Files.deleteIfExists(DIR.resolve("server.env"));
        ServerCopies.deleteTree(DIR.resolve("resources/security"));
        KeyStore foreign = KeyStore.getInstance("PKCS12");
        foreign.load(null, null);
        try (OutputStream out = Files.newOutputStream(
                Files.createDirectories(KEYSTORE.getParent()).resolve(KEYSTORE.getFileName()))) {
            foreign.store(out, "another-data-directorys-password".toCharArray());
        }
        // the launcher's PostgreSQL and broker, not the test server's: their settings come from its environment
        ServerCopies.rewrite(
                DIR.resolve("bootstrap.properties"),
                Map.ofEntries(
                        Map.entry("registry.http.port", Integer.getInteger("registry.it.src.http.port")),
                        Map.entry("registry.https.port", Integer.getInteger("registry.it.src.https.port")),
                        Map.entry("registry.db.url", ""),
                        Map.entry("registry.db.user", ""),
                        Map.entry("registry.db.password", ""),
                        Map.entry("registry.db.owner-user", ""),
                        Map.entry("registry.db.owner-password", ""),
                        Map.entry("registry.jms.port", ""),
                        Map.entry("registry.jms.user", ""),
                        Map.entry("registry.jms.password", "")));
        ServerCopies.rewrite(
                DIR.resolve("jvm.options"),
                Map.of(
                        "-Dregistry.data.dir",
                        DATA,
                        "-Dregistry.cluster.port",
                        Integer.getInteger("registry.it.src.hz.port"),
                        "-Dregistry.cluster.name",
                        "registry-it-run",
                        "-Dregistry.audit.checkpoint-dir",
                        ""));
        Files.createDirectories(DATA);
        ProcessBuilder run = new ProcessBuilder(ServerCopies.launcher(
                        "run", LibertyServer.WLP.toAbsolutePath().toString(), NAME))
                .redirectErrorStream(true)
                .redirectOutput(DATA.resolveSibling("it-data-run.out").toFile());
        run.environment().put("REGISTRY_DATA_DIR", DATA.toString());
        run.environment().put("REGISTRY_EMBEDDED_DB_PORT", System.getProperty("registry.it.src.db.port"));
        run.environment().put("REGISTRY_EMBEDDED_JMS_PORT", System.getProperty("registry.it.src.jms.port"));
        run.environment().remove("keystore_password");
        launcher = run.start();
        Awaitility.await()
                .atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!launcher.isAlive()) {
                        throw new IllegalStateException(
                                "the launcher exited: " + Files.readString(DATA.resolveSibling("it-data-run.out")));
                    }
                    try {
                        return Api.get(URL + "/health/ready", Api.NO_AUTH, "").status() == 200;
                    } catch (UncheckedIOException down) {
                        return false;
                    }
                });
    }

    @AfterAll
    static void stopTheLauncher() throws Exception {
        try {
            if (launcher != null) {
                launcher.destroy(); // SIGTERM: its shutdown hook stops Liberty, the broker and PostgreSQL
                if (!launcher.waitFor(120, TimeUnit.SECONDS)) {
                    launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            killServer();
            ServerCopies.deleteTree(DIR);
            ServerCopies.deleteTree(DATA);
        }
    }

    @Test
    void theServerAcceptsTheTokensItIssuesAndServesHttpsWithAKeystoreOfItsDataDirectory() throws Exception {
        String token = ImportTool.token(URL, "admin", System.getProperty("registry.it.admin.password"));
        Reply models = Api.get(URL + "/api/v1/models", "Authorization", "Bearer " + token);
        assertThat(models.status()).as(models.body()).isEqualTo(200);
        Reply refused = Api.get(URL + "/api/v1/models", "Authorization", "Bearer " + token + "x");
        assertThat(refused.status()).isEqualTo(401);

        assertThat(DATA.resolve("keys/keystore-password")).isRegularFile();
        assertThat(KEYSTORE)
                .as("a new keystore, made with the data directory's password")
                .isRegularFile();
        try (Stream<Path> security = Files.list(KEYSTORE.getParent())) {
            assertThat(security.map(p -> p.getFileName().toString()).toList())
                    .as("the foreign keystore, set aside")
                    .anyMatch(n -> n.startsWith("key.p12.unreadable-"));
        }
        // the HTTPS port answers with the new keystore's certificate
        HttpResponse<String> overTls = PlatformIT.insecureClient()
                .send(
                        HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                                        + Integer.getInteger("registry.it.src.https.port") + "/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(overTls.statusCode()).isEqualTo(200);
    }

    /** Ends this copy's Liberty JVM if it still runs (its launcher stops it; this is for when it could not). */
    private static void killServer() throws IOException {
        Path pid = LibertyServer.WLP.resolve("usr/servers/.pid/" + NAME + ".pid");
        if (Files.isRegularFile(pid)) {
            // only this copy's JVM: a stale pid file may name a process that is not ours any more
            ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
                    .filter(jvm -> jvm.info().commandLine().orElse("").contains(NAME))
                    .ifPresent(jvm -> {
                        jvm.destroyForcibly();
                        jvm.onExit().join();
                    });
        }
    }

    /** A server and launcher an interrupted earlier run left: stopped, their files removed. */
    private static void stopLeftovers() throws IOException {
        killServer();
        ServerCopies.deleteTree(DIR);
        if (Files.isDirectory(DATA.resolve("postgres"))) {
            Process stop = new ProcessBuilder(ServerCopies.launcher(
                            "stop", DATA.resolve("postgres").toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                if (!stop.waitFor(120, TimeUnit.SECONDS)) {
                    stop.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        ServerCopies.deleteTree(DATA);
    }
}
