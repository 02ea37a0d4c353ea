package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.ImportTool.random;
import static org.modelregistry.it.ImportTool.sha256;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelregistry.it.Api.Reply;
import org.modelregistry.it.ImportTool.Run;

/**
 * {@code registry import mlflow} from a second registry (the source, B) into the integration-test server (A). B is
 * a registry of its own, as another team's would be: its own PostgreSQL and Artemis broker (started by the
 * launcher's own code, {@code EmbeddedServices start}, in a child JVM), its own data directory, blob store, secrets
 * key, search index and Hazelcast cluster name, and a copy of the test server on other ports. So the import really
 * copies the bytes from one content store to the other (one shared blob store would already hold them), and the two
 * registries' job queues stay apart.
 *
 * <p>Runs in the crash execution (it starts and stops A itself, and B once for the class).
 */
class SecondRegistryImportIT {

    private static final String SRC_NAME = LibertyServer.NAME + "-src";
    private static final Path SRC_DIR = LibertyServer.DIR.resolveSibling(SRC_NAME);
    private static final Path A_DATA = Path.of(System.getProperty("registry.it.data.dir", "target/it-data"))
            .toAbsolutePath();
    private static final Path SRC_DATA = A_DATA.resolveSibling("it-data-src");
    private static final String SRC = "http://127.0.0.1:" + Integer.getInteger("registry.it.src.http.port");

    @TempDir
    static Path work;

    /** B's PostgreSQL and broker: the launcher JVM (its shutdown hook stops both). */
    private static Process services;

    private static boolean aStarted;
    private static String srcAdmin;
    private static ImportTool.Source source;
    private static String targetOrg;

    @BeforeAll
    static void startBothRegistries() throws Exception {
        // with -Dit.test the class may also run beside ImportIT, whose shared start of A is then already up
        if (!ready(Api.BASE_URL)) {
            LibertyServer.start();
            aStarted = true;
        }
        clearLeftovers();
        String dbOwnerPassword = "src-owner-" + UUID.randomUUID();
        String dbAppPassword = "src-app-" + UUID.randomUUID();
        String jmsPassword = "src-jms-" + UUID.randomUUID();
        startServices(dbOwnerPassword, dbAppPassword, jmsPassword);

        LibertyServer.copyServer(SRC_DIR);
        int dbPort = Integer.getInteger("registry.it.src.db.port");
        ServerCopies.rewrite(
                SRC_DIR.resolve("bootstrap.properties"),
                Map.of(
                        "registry.http.port",
                        Integer.getInteger("registry.it.src.http.port"),
                        "registry.https.port",
                        Integer.getInteger("registry.it.src.https.port"),
                        "registry.db.url",
                        "jdbc:postgresql://127.0.0.1:" + dbPort + "/registry",
                        "registry.db.password",
                        dbAppPassword,
                        "registry.db.owner-password",
                        dbOwnerPassword,
                        "registry.jms.port",
                        Integer.getInteger("registry.it.src.jms.port"),
                        "registry.jms.password",
                        jmsPassword));
        // its own data directory (blobs, index, secrets key) and a cluster of its own; checkpoints are not shipped
        ServerCopies.rewrite(
                SRC_DIR.resolve("jvm.options"),
                Map.of(
                        "-Dregistry.data.dir",
                        SRC_DATA,
                        "-Dregistry.cluster.port",
                        Integer.getInteger("registry.it.src.hz.port"),
                        "-Dregistry.cluster.name",
                        "registry-it-src",
                        "-Dregistry.audit.checkpoint-dir",
                        ""));
        LibertyServer.run(SRC_NAME, "start");
        LibertyServer.awaitReady(SRC);

        srcAdmin = "Bearer " + ImportTool.token(SRC, "admin", System.getProperty("registry.it.admin.password"));
        Reply user = Api.post(
                SRC + "/api/v1/users",
                "{\"username\":\"mlflow-user\",\"password\":\"" + Api.MEMBER_PASSWORD + "\",\"memberships\":["
                        + "{\"organization\":\"default\",\"role\":\"CONTRIBUTOR\"}]}",
                "Authorization",
                srcAdmin);
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        source = new ImportTool.Source(SRC, ImportTool.token(SRC, "mlflow-user", Api.MEMBER_PASSWORD));

        targetOrg = Api.unique("second-dst");
        Reply org = Api.post("/organizations", "{\"slug\":\"" + targetOrg + "\",\"displayName\":\"Second IT\"}");
        assertThat(org.status()).as(org.body()).isEqualTo(201);
        String importer = Api.newMemberOf(targetOrg, "CONTRIBUTOR");
        Run login = ImportTool.cli(
                work.resolve("importer"),
                Api.MEMBER_PASSWORD + "\n",
                "login",
                "-u",
                importer,
                "--password-stdin",
                "--url",
                Api.BASE_URL);
        assertThat(login.exit()).as(login.err()).isZero();
    }

    @AfterAll
    static void stopBothRegistries() throws Exception {
        try {
            if (Files.isDirectory(SRC_DIR)) {
                stopSourceServer();
            }
        } finally {
            try {
                stopServices();
            } finally {
                try {
                    ServerCopies.deleteTree(SRC_DIR);
                    ServerCopies.deleteTree(SRC_DATA);
                } finally {
                    if (aStarted) {
                        LibertyServer.stop();
                    }
                }
            }
        }
    }

    private static boolean ready(String baseUrl) {
        try {
            return Api.get(baseUrl + "/health/ready", Api.NO_AUTH, "").status() == 200;
        } catch (UncheckedIOException down) {
            return false;
        }
    }

    /** B's PostgreSQL and broker through the launcher, as the build starts A's (the it-database-start exec). */
    private static void startServices(String ownerPassword, String appPassword, String jmsPassword) throws IOException {
        Files.createDirectories(SRC_DATA);
        int jmsPort = Integer.getInteger("registry.it.src.jms.port");
        List<String> command = ServerCopies.launcher(
                "-Dregistry.db.owner.password=" + ownerPassword,
                "-Dregistry.db.password=" + appPassword,
                "-Dregistry.jms.password=" + jmsPassword,
                "start",
                SRC_DATA.resolve("postgres").toString(),
                Integer.getInteger("registry.it.src.db.port").toString(),
                Integer.toString(jmsPort));
        Path log = SRC_DATA.resolveSibling("it-data-src.out");
        services = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // the broker starts after PostgreSQL has its database and logins: its port open means both are ready
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!services.isAlive()) {
                        throw new IllegalStateException("the launcher exited: " + Files.readString(log));
                    }
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("127.0.0.1", jmsPort), 250);
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    private static void stopServices() throws InterruptedException {
        if (services == null) {
            return;
        }
        services.destroy(); // SIGTERM: the launcher's shutdown hook stops the broker and PostgreSQL
        if (!services.waitFor(90, TimeUnit.SECONDS)) {
            services.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        services = null;
    }

    private static void stopSourceServer() {
        try {
            LibertyServer.run(SRC_NAME, "stop");
        } finally {
            // a server that did not stop is ended by its process handle
            Path pidFile = LibertyServer.WLP.resolve("usr/servers/.pid/" + SRC_NAME + ".pid");
            try {
                if (Files.isRegularFile(pidFile)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                            .ifPresent(jvm -> {
                                jvm.destroyForcibly();
                                jvm.onExit().join();
                            });
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What an interrupted earlier run may have left: B's server running, B's launcher and its data. */
    private static void clearLeftovers() throws Exception {
        if (Files.isDirectory(SRC_DIR)) {
            stopSourceServer();
            ServerCopies.deleteTree(SRC_DIR);
        }
        if (Files.isDirectory(SRC_DATA)) {
            Process stop = new ProcessBuilder(ServerCopies.launcher(
                            "stop", SRC_DATA.resolve("postgres").toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(
                            SRC_DATA.resolveSibling("it-data-src-stop.out").toFile())
                    .start();
            if (!stop.waitFor(120, TimeUnit.SECONDS)) {
                stop.destroyForcibly();
                throw new IllegalStateException("the launcher's stop of " + SRC_DATA + " took more than 120 s");
            }
            ServerCopies.deleteTree(SRC_DATA);
        }
    }

    // ---- helpers ----

    private static Run importFromSource(String... more) {
        return ImportTool.importMlflow(work.resolve("importer"), SRC, source.token(), targetOrg, more);
    }

    /** The model of that group and name in the target organization of A, as A's administrator reads it. */
    private static JsonObject targetModel(String group, String name) {
        List<JsonObject> found =
                Api.get("/models?group=" + group + "&name=" + name).json().getJsonArray("items").stream()
                        .map(JsonValue::asJsonObject)
                        .filter(m -> m.getString("organization").equals(targetOrg))
                        .toList();
        assertThat(found).as(group + "/" + name + " in " + targetOrg).hasSize(1);
        return Api.get("/models/" + found.get(0).getString("id")).json();
    }

    /** The bytes of each artifact of a version, downloaded from A: name → SHA-256 of what A serves. */
    private static Map<String, String> downloadedDigests(String modelId, String version) throws Exception {
        String artifacts = Api.API + "/models/" + modelId + "/versions/" + version + "/artifacts";
        Map<String, String> digests = new HashMap<>();
        for (JsonValue v : Api.get(artifacts + "?limit=200").json().getJsonArray("items")) {
            JsonObject a = v.asJsonObject();
            byte[] content = Api.CLIENT
                    .send(
                            Api.request(artifacts + "/" + a.getString("id") + "/content")
                                    .build(),
                            BodyHandlers.ofByteArray())
                    .body();
            assertThat(sha256(content)).as("what A serves is what it declares").isEqualTo(a.getString("sha256"));
            digests.put(a.getString("name"), sha256(content));
        }
        return digests;
    }

    /** Where a content-addressed blob store under {@code dataDir} keeps the content of this digest. */
    private static Path blob(Path dataDir, String sha256) {
        return dataDir.resolve("blobs/sha256/" + sha256.substring(0, 2) + "/" + sha256);
    }

    // ---- tests ----

    @Test
    void theSourceIsARegistryOfItsOwn() throws IOException {
        Reply bTokenOnA = Api.get(Api.API + "/models?limit=1", "Authorization", "Bearer " + source.token());
        assertThat(bTokenOnA.status())
                .as("B signs its tokens with a key of its own")
                .isEqualTo(401);
        assertThat(Api.get(SRC + "/api/v1/admin/cluster", "Authorization", srcAdmin)
                        .json()
                        .getJsonArray("members"))
                .as("B did not join A's cluster")
                .hasSize(1);
        assertThat(Api.get(Api.API + "/admin/cluster").json().getJsonArray("members"))
                .hasSize(1);
        assertThat(Files.readString(SRC_DATA.resolve("keys/secrets-key")))
                .as("a secrets key of its own")
                .isNotEqualTo(Files.readString(A_DATA.resolve("keys/secrets-key")));
        assertThat(Files.exists(SRC_DATA.resolve("postgres/postmaster.pid"))).isTrue();
    }

    @Test
    void importCopiesModelsVersionsTagsAliasesAndTheBytesOnceAndPicksUpWhatCameLater() throws Exception {
        String scorer = Api.unique("scorer");
        String ranker = "ranking/" + Api.unique("ranker");
        source.model(scorer, "[{\"key\":\"team\",\"value\":\"risk\"}]");
        source.model(ranker, "[]");
        assertThat(source.version(scorer, "run1")).isEqualTo("1");
        assertThat(source.version(scorer, "run2")).isEqualTo("2");
        source.version(ranker, "run9");
        byte[] weights = random(64 * 1024, scorer.hashCode());
        String weightsSha = source.file(scorer, "1", "model.pkl", weights);
        // content of this run only: A's blob store must not hold it before the import (ImportIT's MLmodel is another)
        byte[] mlmodel = ("flavors: {}\nname: " + scorer + "\n").getBytes(StandardCharsets.UTF_8);
        String mlmodelSha = source.file(scorer, "1", "MLmodel", mlmodel);
        source.alias(scorer, "champion", "1");
        String sourceId = Api.get(SRC + "/api/v1/models?group=mlflow&name=" + scorer, "Authorization", srcAdmin)
                .json()
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("id");
        // version 2's file through B's own API rather than MLflow's artifact proxy
        String v2Sha = source.registryFile(
                "/models/" + sourceId + "/versions/2.0.0", "model.pkl", random(8 * 1024, ranker.hashCode()));
        for (String sha : List.of(weightsSha, mlmodelSha, v2Sha)) {
            assertThat(blob(SRC_DATA, sha)).as("in B's blob store").exists();
            assertThat(blob(A_DATA, sha)).as("not yet in A's").doesNotExist();
        }

        Run first = importFromSource("--risk-tier", "LOW");
        first.assertCreated(2, 3, 3, 1, 1);

        JsonObject model = targetModel("mlflow", scorer);
        String id = model.getString("id");
        assertThat(model.getString("riskTier")).isEqualTo("LOW");
        assertThat(model.getJsonArray("tags").getValuesAs(JsonString.class))
                .extracting(JsonString::getString)
                .containsExactly("team=risk");
        for (String version : List.of("1.0.0", "2.0.0")) {
            JsonObject v = Api.get("/models/" + id + "/versions/" + version).json();
            assertThat(v.getString("state")).isEqualTo("DRAFT");
            assertThat(v.getJsonObject("metadata").getJsonObject("import").getString("url"))
                    .isEqualTo(SRC);
        }
        assertThat(downloadedDigests(id, "1.0.0")).isEqualTo(Map.of("model.pkl", weightsSha, "MLmodel", mlmodelSha));
        assertThat(downloadedDigests(id, "2.0.0")).isEqualTo(Map.of("model.pkl", v2Sha));
        for (String sha : List.of(weightsSha, mlmodelSha, v2Sha)) {
            assertThat(blob(A_DATA, sha)).as("copied into A's blob store").exists();
            assertThat(sha256(Files.readAllBytes(blob(A_DATA, sha)))).isEqualTo(sha);
        }
        Map<String, String> aliases = Api.get("/models/" + id + "/aliases").jsonAny().asJsonArray().stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(a -> a.getString("alias"), a -> a.getString("version")));
        assertThat(aliases).isEqualTo(Map.of("champion", "1.0.0"));
        assertThat(Api.get("/models/"
                                + targetModel("ranking", ranker.substring("ranking/".length()))
                                        .getString("id")
                                + "/versions/1.0.0")
                        .json()
                        .getString("state"))
                .isEqualTo("DRAFT");

        Run second = importFromSource();
        second.assertCopiedNothing(2, 3, 3, 1);

        assertThat(source.version(scorer, "run3")).isEqualTo("3");
        String v3Sha = source.file(scorer, "3", "model.pkl", random(16 * 1024, scorer.hashCode() + 3L));
        Run third = importFromSource();
        assertThat(third.exit()).as(third.err() + third.out()).isZero();
        assertThat(third.items("CREATED"))
                .extracting(i -> i.getString("name"))
                .containsExactlyInAnyOrder("mlflow/" + scorer + " 3.0.0", "mlflow/" + scorer + " 3.0.0 model.pkl");
        assertThat(Api.get("/models/" + id + "/versions/3.0.0").json().getString("state"))
                .isEqualTo("DRAFT");
        assertThat(downloadedDigests(id, "3.0.0")).isEqualTo(Map.of("model.pkl", v3Sha));
        assertThat(Api.get(SRC + "/api/v1/models?group=mlflow&name=" + scorer, "Authorization", srcAdmin)
                        .json()
                        .getJsonArray("items"))
                .as("the source is only read")
                .hasSize(1);
    }
}
