package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelregistry.client.cli.ExitCodes;
import org.modelregistry.client.cli.RegistryCli;
import org.modelregistry.it.Api.Reply;
import picocli.CommandLine;

/**
 * {@code registry import mlflow} and {@code registry import huggingface} run in-process against the real server.
 *
 * <p>The MLflow source is the registry's own MLflow-compatible API, on the same server, with the source data in an
 * organization of its own: the source user is a member of that organization only, so the MLflow API serves exactly
 * its models, and the import writes as a user of another organization. (Not a second registry with a database of
 * its own: see docs/cli.md.) What is checked: the first import copies models, versions, tags, aliases and artifacts
 * with their digests, as DRAFTs; a second copies nothing; a version added in the source later is picked up; a source
 * changed since is a conflict; source errors are one line with their exit code. The Hugging Face import reads a
 * repository the test generates, and its card is judged by the MODEL_CARD check.
 */
class ImportIT extends RegistryDeployment {

    private static final String MLFLOW = Api.BASE_URL + "/api/2.0/mlflow/";
    private static final String ARTIFACTS = Api.BASE_URL + "/api/2.0/mlflow-artifacts/artifacts/";

    @TempDir
    static Path work;

    private static String sourceOrg;
    private static String targetOrg;
    private static String sourceToken;
    private static String reviewerToken;

    record Run(int exit, String out, String err) {
        JsonObject json() {
            return Json.createReader(new StringReader(out)).readObject();
        }

        /** The report's count of an outcome for a kind (0 when absent). */
        int count(String kind, String outcome) {
            JsonObject counts = json().getJsonObject("counts");
            return counts.containsKey(kind) ? counts.getJsonObject(kind).getInt(outcome, 0) : 0;
        }

        List<JsonObject> items(String outcome) {
            return json().getJsonArray("items").stream()
                    .map(JsonValue::asJsonObject)
                    .filter(i -> i.getString("outcome").equals(outcome))
                    .toList();
        }
    }

    @BeforeAll
    static void organizationsAndPeople() {
        sourceOrg = unique("imp-src");
        targetOrg = unique("imp-dst");
        for (String slug : List.of(sourceOrg, targetOrg)) {
            Reply created = post("/organizations", "{\"slug\":\"" + slug + "\",\"displayName\":\"Import IT\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        sourceToken = token(Api.newMemberOf(sourceOrg, "CONTRIBUTOR", "DEPLOYER"));
        reviewerToken = token(Api.newMemberOf(sourceOrg, "REVIEWER"));
        String importer = Api.newMemberOf(targetOrg, "CONTRIBUTOR");
        Run login = cli(Api.MEMBER_PASSWORD + "\n", "login", "-u", importer, "--password-stdin", "--url", Api.BASE_URL);
        assertThat(login.exit()).as(login.err()).isZero();
    }

    private static String token(String user) {
        Reply r = post(
                "/auth/token",
                "{\"username\":\"" + user + "\",\"password\":\"" + Api.MEMBER_PASSWORD + "\"}",
                Api.NO_AUTH,
                "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getString("access_token");
    }

    /** The tool as the importer (a member of the target organization only), {@code stdin} as its input. */
    private static Run cli(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = RegistryCli.commandLine(
                Map.of("HOME", work.resolve("importer").toString()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                false);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run importMlflow(String... more) {
        String[] base = {
            "import",
            "mlflow",
            "--url",
            Api.BASE_URL,
            "--token",
            sourceToken,
            "--organization",
            targetOrg,
            "--registry",
            Api.BASE_URL,
            "--output",
            "json"
        };
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return cli("", all);
    }

    // ---- the source, through the MLflow API as the source user ----

    private static JsonObject mlflow(String method, String path, String body) {
        Reply r = Api.send(
                method,
                MLFLOW + path,
                BodyPublishers.ofString(body),
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + sourceToken);
        assertThat(r.status()).as(path + " " + r.body()).isEqualTo(200);
        return r.json();
    }

    private static void sourceModel(String name, String tagsJson) {
        mlflow(
                "POST",
                "registered-models/create",
                "{\"name\":\"" + name + "\",\"description\":\"from MLflow\",\"tags\":" + tagsJson + "}");
    }

    private static String sourceVersion(String name, String runId) {
        return mlflow(
                        "POST",
                        "model-versions/create",
                        "{\"name\":\"" + name + "\",\"source\":\"runs:/" + runId + "/model\",\"run_id\":\"" + runId
                                + "\",\"run_link\":\"https://mlflow.example.com/#/runs/" + runId
                                + "\",\"description\":\"trained by " + runId + "\",\"tags\":[{\"key\":\"framework\","
                                + "\"value\":\"sklearn\"}]}")
                .getJsonObject("model_version")
                .getString("version");
    }

    /** Uploads a file to a source version through the artifact proxy; returns its SHA-256. */
    private static String sourceFile(String name, String version, String file, byte[] content) throws Exception {
        String uri = get(
                        MLFLOW + "model-versions/get-download-uri?name="
                                + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&version=" + version,
                        "Authorization",
                        "Bearer " + sourceToken)
                .json()
                .getString("artifact_uri");
        String path = uri.substring("mlflow-artifacts:/".length());
        Reply put = Api.send(
                "PUT",
                ARTIFACTS + path + "/" + file,
                BodyPublishers.ofByteArray(content),
                "Content-Type",
                "application/octet-stream",
                "Authorization",
                "Bearer " + sourceToken);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        return sha256(content);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    // ---- the target, as the administrator through /api/v1 ----

    private static JsonObject targetModel(String group, String name) {
        List<JsonObject> found = get("/models?group=" + group + "&name=" + name).json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .filter(m -> m.getString("organization").equals(targetOrg))
                .toList();
        assertThat(found).as(group + "/" + name + " in " + targetOrg).hasSize(1);
        return get("/models/" + found.get(0).getString("id")).json();
    }

    private static boolean inTarget(String group, String name) {
        return get("/models?group=" + group + "&name=" + name).json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .anyMatch(m -> m.getString("organization").equals(targetOrg));
    }

    private static Map<String, String> digests(String modelId, String version) {
        return get("/models/" + modelId + "/versions/" + version + "/artifacts?limit=200")
                .json()
                .getJsonArray("items")
                .stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(a -> a.getString("name"), a -> a.getString("sha256")));
    }

    @Test
    void mlflowImportCopiesOnceKeepsGovernanceAndPicksUpWhatCameLater() throws Exception {
        String scorer = unique("scorer");
        String ranker = "ranking/" + unique("ranker");
        sourceModel(scorer, "[{\"key\":\"team\",\"value\":\"risk\"}]");
        sourceModel(ranker, "[]");
        assertThat(sourceVersion(scorer, "run1")).isEqualTo("1");
        assertThat(sourceVersion(scorer, "run2")).isEqualTo("2");
        sourceVersion(ranker, "run9");
        byte[] weights = random(4096, 1);
        String weightsSha = sourceFile(scorer, "1", "model.pkl", weights);
        String mlmodelSha = sourceFile(scorer, "1", "MLmodel", "flavors: {}\n".getBytes(StandardCharsets.UTF_8));
        mlflow(
                "POST",
                "registered-models/alias",
                "{\"name\":\"" + scorer + "\",\"alias\":\"champion\",\"version\":\"1\"}");
        // version 2 is approved and in Production in the source
        String sourceId = get("/models?group=mlflow&name=" + scorer).json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .filter(m -> m.getString("organization").equals(sourceOrg))
                .findFirst()
                .orElseThrow()
                .getString("id");
        String v2 = "/models/" + sourceId + "/versions/2.0.0";
        // through /api/v1 with a licence, which the default licence policy wants before review
        byte[] v2Weights = random(2048, 2);
        String v2Sha = sha256(v2Weights);
        Reply declared = post(
                v2 + "/artifacts",
                "{\"type\":\"MODEL_WEIGHTS\",\"name\":\"model.pkl\",\"sha256\":\"" + v2Sha + "\",\"size\":"
                        + v2Weights.length + ",\"license\":\"MIT\"}",
                "Authorization",
                "Bearer " + sourceToken);
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        Reply stored = Api.put(
                v2 + "/artifacts/" + declared.json().getString("id") + "/content",
                BodyPublishers.ofByteArray(v2Weights),
                "Authorization",
                "Bearer " + sourceToken);
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        Reply submitted = post(v2 + "/transitions", "{\"to\":\"IN_REVIEW\"}", "Authorization", "Bearer " + sourceToken);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        Reply approved =
                post(v2 + "/approvals", "{\"decision\":\"APPROVE\"}", "Authorization", "Bearer " + reviewerToken);
        assertThat(approved.status()).as(approved.body()).isEqualTo(201);
        mlflow(
                "POST",
                "registered-models/alias",
                "{\"name\":\"" + scorer + "\",\"alias\":\"production\",\"version\":\"2\"}");

        Run first = importMlflow("--risk-tier", "LOW");
        assertThat(first.exit()).as(first.err() + first.out()).isZero();
        assertThat(first.count("model", "created")).isEqualTo(2);
        assertThat(first.count("version", "created")).isEqualTo(3);
        assertThat(first.count("artifact", "created")).isEqualTo(3);
        assertThat(first.count("tag", "created")).isEqualTo(1);
        assertThat(first.count("alias", "created")).isEqualTo(1);
        assertThat(first.count("alias", "not_imported"))
                .as("production needs an approved version; imported versions are DRAFTs")
                .isEqualTo(1);
        assertThat(first.items("NOT_IMPORTED"))
                .anyMatch(i -> i.getString("name").endsWith("@production")
                        && i.getString("reason").startsWith("the registry refused it"));

        JsonObject model = targetModel("mlflow", scorer);
        String id = model.getString("id");
        assertThat(model.getString("riskTier")).isEqualTo("LOW");
        assertThat(model.getString("description")).isEqualTo("from MLflow");
        assertThat(model.getJsonArray("tags").getValuesAs(JsonString.class))
                .extracting(JsonString::getString)
                .containsExactly("team=risk");
        JsonObject one = get("/models/" + id + "/versions/1.0.0").json();
        JsonObject two = get("/models/" + id + "/versions/2.0.0").json();
        assertThat(one.getString("state")).isEqualTo("DRAFT");
        assertThat(two.getString("state"))
                .as("approved in the source, a DRAFT here")
                .isEqualTo("DRAFT");
        assertThat(one.getString("sourceUri")).isEqualTo("runs:/run1/model");
        assertThat(one.getString("description")).isEqualTo("trained by run1");
        JsonObject meta = one.getJsonObject("metadata");
        assertThat(meta.getJsonObject("mlflow").getString("run_id")).isEqualTo("run1");
        assertThat(meta.getJsonObject("mlflow").getString("run_link")).endsWith("/runs/run1");
        assertThat(meta.getJsonObject("mlflow").getJsonObject("tags").getString("framework"))
                .isEqualTo("sklearn");
        assertThat(meta.getJsonObject("import").getString("url")).isEqualTo(Api.BASE_URL);
        assertThat(meta.getJsonObject("import").getString("name")).isEqualTo(scorer);
        assertThat(meta.getJsonObject("import").getString("version")).isEqualTo("1");
        assertThat(two.getJsonObject("metadata").getJsonObject("mlflow").getString("stage"))
                .isEqualTo("Production");
        assertThat(digests(id, "1.0.0")).isEqualTo(Map.of("model.pkl", weightsSha, "MLmodel", mlmodelSha));
        assertThat(digests(id, "2.0.0")).isEqualTo(Map.of("model.pkl", v2Sha));
        Map<String, String> aliases = get("/models/" + id + "/aliases").jsonAny().asJsonArray().stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(a -> a.getString("alias"), a -> a.getString("version")));
        assertThat(aliases).isEqualTo(Map.of("champion", "1.0.0"));
        assertThat(targetModel("ranking", ranker.substring("ranking/".length())).getString("riskTier"))
                .isEqualTo("LOW");

        Run second = importMlflow();
        assertThat(second.exit()).as(second.err() + second.out()).isZero();
        assertThat(second.items("CREATED")).as("nothing is copied twice").isEmpty();
        assertThat(second.count("model", "skipped")).isEqualTo(2);
        assertThat(second.count("version", "skipped")).isEqualTo(3);
        assertThat(second.count("artifact", "skipped")).isEqualTo(3);
        assertThat(second.count("alias", "skipped")).isEqualTo(1);
        assertThat(get("/models/" + id + "/versions").json().getJsonArray("items"))
                .hasSize(2);

        assertThat(sourceVersion(scorer, "run3")).isEqualTo("3");
        String v3Sha = sourceFile(scorer, "3", "model.pkl", random(1024, 3));
        Run dry = importMlflow("--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.items("PLANNED"))
                .extracting(i -> i.getString("name"))
                .contains("mlflow/" + scorer + " 3.0.0", "mlflow/" + scorer + " 3.0.0 model.pkl");
        assertThat(dry.count("version", "planned")).isEqualTo(1);
        assertThat(dry.count("artifact", "planned")).isEqualTo(1);
        assertThat(get("/models/" + id + "/versions/3.0.0").status())
                .as("a dry run changes nothing")
                .isEqualTo(404);

        Run third = importMlflow();
        assertThat(third.exit()).as(third.err() + third.out()).isZero();
        assertThat(third.items("CREATED"))
                .extracting(i -> i.getString("name"))
                .containsExactlyInAnyOrder("mlflow/" + scorer + " 3.0.0", "mlflow/" + scorer + " 3.0.0 model.pkl");
        assertThat(get("/models/" + id + "/versions/3.0.0").json().getString("state"))
                .isEqualTo("DRAFT");
        assertThat(digests(id, "3.0.0")).isEqualTo(Map.of("model.pkl", v3Sha));

        // a source changed after the import is reported, and the registry's copy kept
        mlflow(
                "PATCH",
                "model-versions/update",
                "{\"name\":\"" + scorer + "\",\"version\":\"1\",\"description\":\"retouched\"}");
        Run fourth = importMlflow();
        assertThat(fourth.exit()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(fourth.items("CONFLICT")).singleElement().satisfies(i -> {
            assertThat(i.getString("name")).isEqualTo("mlflow/" + scorer + " 1.0.0");
            assertThat(i.getString("reason")).contains("description");
        });
        assertThat(get("/models/" + id + "/versions/1.0.0").json().getString("description"))
                .isEqualTo("trained by run1");
        assertThat(get("/models?group=mlflow&name=" + scorer).json().getJsonArray("items").stream()
                        .map(JsonValue::asJsonObject)
                        .filter(m -> m.getString("organization").equals(sourceOrg))
                        .count())
                .as("the source organization still has its own model only")
                .isEqualTo(1);
    }

    @Test
    void mlflowSourceErrorsAreOneLineWithTheirExitCode() throws IOException {
        Run refused = cli(
                "", "import", "mlflow", "--url", Api.BASE_URL, "--token", "not-a-token", "--registry", Api.BASE_URL);
        assertThat(refused.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.err()).startsWith("registry: ").contains("401").doesNotContain("\tat ", "Exception");

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Run unreachable =
                cli("", "import", "mlflow", "--url", "http://127.0.0.1:" + closed, "--registry", Api.BASE_URL);
        assertThat(unreachable.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(unreachable.err()).startsWith("registry: cannot reach the MLflow server");

        HttpServer notMlflow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        notMlflow.createContext("/", e -> {
            byte[] page = "<html>sign in</html>".getBytes(StandardCharsets.UTF_8);
            e.getResponseHeaders().add("Content-Type", "text/html");
            e.sendResponseHeaders(200, page.length);
            try (OutputStream o = e.getResponseBody()) {
                o.write(page);
            }
        });
        notMlflow.start();
        try {
            Run malformed = cli(
                    "",
                    "import",
                    "mlflow",
                    "--url",
                    "http://127.0.0.1:" + notMlflow.getAddress().getPort(),
                    "--registry",
                    Api.BASE_URL);
            assertThat(malformed.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(malformed.err())
                    .startsWith("registry: ")
                    .contains("not JSON")
                    .doesNotContain("\tat ");
        } finally {
            notMlflow.stop(0);
        }
    }

    // ---- Hugging Face ----

    private static final String CARD_BODY = """
            # Tiny sentiment model

            ## Intended use
            Sorting support tickets by mood.

            ## Limitations
            English only.

            ## Training data
            IMDB reviews.

            ## Evaluation data
            The IMDB test split.

            ## Ethical considerations
            Not for decisions about people.
            """;

    private static final String FRONT_MATTER = """
            ---
            license: apache-2.0
            language: [en]
            tags: [text-classification, sentiment]
            datasets: [imdb]
            base_model: prajjwal1/bert-tiny
            pipeline_tag: text-classification
            model-index:
            - name: tiny-sentiment
              results:
              - task: {type: text-classification}
                dataset: {name: IMDB, type: imdb}
                metrics:
                - {type: accuracy, value: 0.93}
            ---
            """;

    /** A small Hugging Face-style repository: fake weights, config, tokenizer and a card. */
    private static Path repository(String name, String card) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        Files.write(dir.resolve("model.safetensors"), random(4096, name.hashCode()));
        Files.writeString(
                dir.resolve("config.json"),
                "{\"architectures\":[\"BertForSequenceClassification\"],\"model_type\":\"bert\",\"hidden_size\":128}");
        Files.writeString(dir.resolve("tokenizer.json"), "{\"version\":\"1.0\"}");
        Files.writeString(dir.resolve("README.md"), card);
        return dir;
    }

    private static Run importHf(Path dir, String model, String... more) {
        String[] base = {
            "import", "huggingface", dir.toString(), "--model", model, "--organization", targetOrg, "--output", "json"
        };
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return cli("", all);
    }

    private static JsonObject cardCheck(String modelId, String version, String suite) {
        Reply queued =
                post("/models/" + modelId + "/versions/" + version + "/evaluations", "{\"suite\":\"" + suite + "\"}");
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        String location = queued.header("Location");
        JsonObject[] run = {null};
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    run[0] = get(location).json();
                    return !List.of("QUEUED", "RUNNING").contains(run[0].getString("state"));
                });
        return run[0].getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals("card"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void huggingFaceImportMakesAVersionWithDigestsMetadataAndAJudgedCard() throws Exception {
        String group = unique("hf");
        Path dir = repository(unique("tiny"), FRONT_MATTER + CARD_BODY);
        Run first = importHf(dir, group + "/tiny-sentiment", "--risk-tier", "LOW");
        assertThat(first.exit()).as(first.err() + first.out()).isZero();
        assertThat(first.count("model", "created")).isEqualTo(1);
        assertThat(first.count("version", "created")).isEqualTo(1);
        assertThat(first.count("artifact", "created")).isEqualTo(4);

        JsonObject model = targetModel(group, "tiny-sentiment");
        String id = model.getString("id");
        assertThat(model.getString("riskTier")).isEqualTo("LOW");
        assertThat(model.getJsonArray("tags").toString()).contains("text-classification", "sentiment");
        JsonObject version = get("/models/" + id + "/versions/1.0.0").json();
        assertThat(version.getString("state")).isEqualTo("DRAFT");
        JsonObject meta = version.getJsonObject("metadata");
        assertThat(meta.getString("license")).isEqualTo("apache-2.0");
        assertThat(meta.getJsonArray("datasets").getString(0)).isEqualTo("imdb");
        assertThat(meta.getJsonArray("language").getString(0)).isEqualTo("en");
        assertThat(meta.getJsonArray("base_model").getString(0)).isEqualTo("prajjwal1/bert-tiny");
        assertThat(meta.getString("pipeline_tag")).isEqualTo("text-classification");
        assertThat(meta.getJsonObject("metrics").getJsonNumber("accuracy").doubleValue())
                .isEqualTo(0.93);
        assertThat(meta.getString("architecture")).isEqualTo("BertForSequenceClassification");
        assertThat(meta.getString("model_type")).isEqualTo("bert");
        Map<String, String> expected = Map.of(
                "model.safetensors", sha256(Files.readAllBytes(dir.resolve("model.safetensors"))),
                "config.json", sha256(Files.readAllBytes(dir.resolve("config.json"))),
                "tokenizer.json", sha256(Files.readAllBytes(dir.resolve("tokenizer.json"))),
                "README.md", sha256(Files.readAllBytes(dir.resolve("README.md"))));
        assertThat(digests(id, "1.0.0")).isEqualTo(expected);
        List<JsonObject> artifacts =
                get("/models/" + id + "/versions/1.0.0/artifacts").json().getJsonArray("items").stream()
                        .map(JsonValue::asJsonObject)
                        .toList();
        assertThat(artifacts)
                .filteredOn(a -> a.getString("name").equals("README.md"))
                .singleElement()
                .satisfies(a -> assertThat(a.getString("type")).isEqualTo("MODEL_CARD"));
        assertThat(artifacts)
                .filteredOn(a -> a.getString("name").equals("model.safetensors"))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.getString("type")).isEqualTo("MODEL_WEIGHTS");
                    assertThat(a.getString("license")).isEqualTo("Apache-2.0");
                });

        // the MODEL_CARD check (default sections) passes on this card, and names what a card without one lacks
        String suite = unique("cards");
        Reply created = post(
                "/evaluation-suites",
                "{\"name\":\"" + suite + "\",\"checks\":[{\"name\":\"card\",\"kind\":\"MODEL_CARD\"}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(cardCheck(id, "1.0.0", suite).getString("status")).isEqualTo("PASSED");
        Path lacking = repository(
                unique("tiny-lacking"),
                FRONT_MATTER + CARD_BODY.substring(0, CARD_BODY.indexOf("## Ethical considerations")));
        Run second = importHf(lacking, group + "/tiny-sentiment", "--version", "1.1.0");
        assertThat(second.exit()).as(second.err() + second.out()).isZero();
        JsonObject failed = cardCheck(id, "1.1.0", suite);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.toString()).contains("ethical considerations");

        // idempotent: the same directory again creates nothing
        Run again = importHf(dir, group + "/tiny-sentiment");
        assertThat(again.exit()).as(again.err() + again.out()).isZero();
        assertThat(again.items("CREATED")).isEmpty();
        assertThat(again.count("artifact", "skipped")).isEqualTo(4);
        assertThat(again.count("version", "skipped")).isEqualTo(1);

        // a changed weight file is a conflict, never an overwrite
        Files.write(dir.resolve("model.safetensors"), random(4096, 99));
        Run changed = importHf(dir, group + "/tiny-sentiment");
        assertThat(changed.exit()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(changed.items("CONFLICT"))
                .singleElement()
                .satisfies(i -> assertThat(i.getString("name")).endsWith("model.safetensors"));
        assertThat(digests(id, "1.0.0")).isEqualTo(expected);
    }

    @Test
    void huggingFaceAttacksAreRefusedBeforeAnythingIsWritten() throws Exception {
        String group = unique("hf-bad");
        Path outside = Files.writeString(work.resolve(unique("secret") + ".bin"), "someone else's file");
        Path linked = repository(unique("linked"), FRONT_MATTER + CARD_BODY);
        Files.createSymbolicLink(linked.resolve("pytorch_model.bin"), outside);
        Run link = importHf(linked, group + "/linked");
        assertThat(link.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(link.err())
                .startsWith("registry: pytorch_model.bin is a symbolic link")
                .contains("outside");

        Path climbing = repository(unique("climbing"), FRONT_MATTER + CARD_BODY);
        Files.createSymbolicLink(climbing.resolve("parent"), Path.of(".."));
        Run climb = importHf(climbing, group + "/climbing");
        assertThat(climb.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(climb.err()).contains("parent is a symbolic link to ..");

        Path badYaml = repository(unique("yaml"), "---\nlicense: mit\ntags: [a, b\nlanguage: en\n---\n" + CARD_BODY);
        Run yaml = importHf(badYaml, group + "/yaml");
        assertThat(yaml.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(yaml.err()).startsWith("registry: README.md line ").contains("malformed front matter");

        Path noWeights = repository(unique("empty"), FRONT_MATTER + CARD_BODY);
        Files.delete(noWeights.resolve("model.safetensors"));
        Run empty = importHf(noWeights, group + "/empty");
        assertThat(empty.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(empty.err()).contains("no weights");

        for (String name : List.of("linked", "climbing", "yaml", "empty")) {
            assertThat(inTarget(group, name))
                    .as(name + " was refused before anything was written")
                    .isFalse();
        }

        // a card whose metadata is larger than the server takes (registry.api.max-body-bytes) is refused by it
        String huge = "---\nlicense: mit\nwidget: \"" + "x".repeat(2 << 20) + "\"\n---\n" + CARD_BODY;
        Path big = repository(unique("huge"), huge);
        Run refused = importHf(big, group + "/huge");
        assertThat(refused.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err())
                .startsWith("registry: ")
                .containsIgnoringCase("large")
                .doesNotContain("\tat ");
        JsonObject hugeModel = targetModel(group, "huge");
        assertThat(get("/models/" + hugeModel.getString("id") + "/versions")
                        .json()
                        .getJsonArray("items"))
                .as("no version was made of it")
                .isEmpty();
    }
}
