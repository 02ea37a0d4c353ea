package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;
import static org.modelregistry.it.ImportTool.concat;
import static org.modelregistry.it.ImportTool.random;
import static org.modelregistry.it.ImportTool.sha256;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelregistry.client.cli.ExitCodes;
import org.modelregistry.it.Api.Reply;
import org.modelregistry.it.ImportTool.Run;

/**
 * {@code registry import mlflow} and {@code registry import huggingface} run in-process against the real server.
 *
 * <p>The MLflow source is the registry's own MLflow-compatible API, on the same server, with the source data in an
 * organization of its own: the source user is a member of that organization only, so the MLflow API serves exactly
 * its models, and the import writes as a user of another organization ({@link SecondRegistryImportIT} imports from
 * a second registry with a data directory, database, blob store and broker of its own). What is checked: the first
 * import copies models, versions, tags, aliases and artifacts with their digests, as DRAFTs; a second copies
 * nothing; a version added in the source later is picked up; a source changed since is a conflict; source errors
 * are one line with their exit code. The Hugging Face import reads a repository the test generates, and its card is
 * judged by the MODEL_CARD check.
 */
class ImportIT extends RegistryDeployment {

    @TempDir
    static Path work;

    private static String sourceOrg;
    private static String targetOrg;
    private static String sourceToken;
    private static String reviewerToken;
    private static ImportTool.Source source;

    @BeforeAll
    static void organizationsAndPeople() {
        sourceOrg = unique("imp-src");
        targetOrg = unique("imp-dst");
        for (String slug : List.of(sourceOrg, targetOrg)) {
            Reply created = post("/organizations", "{\"slug\":\"" + slug + "\",\"displayName\":\"Import IT\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        sourceToken = token(Api.newMemberOf(sourceOrg, "CONTRIBUTOR", "DEPLOYER"));
        source = new ImportTool.Source(Api.BASE_URL, sourceToken);
        reviewerToken = token(Api.newMemberOf(sourceOrg, "REVIEWER"));
        String importer = Api.newMemberOf(targetOrg, "CONTRIBUTOR");
        Run login = cli(Api.MEMBER_PASSWORD + "\n", "login", "-u", importer, "--password-stdin", "--url", Api.BASE_URL);
        assertThat(login.exit()).as(login.err()).isZero();
    }

    private static String token(String user) {
        return ImportTool.token(Api.BASE_URL, user, Api.MEMBER_PASSWORD);
    }

    /** The tool as the importer (a member of the target organization only), {@code stdin} as its input. */
    private static Run cli(String stdin, String... args) {
        return ImportTool.cli(work.resolve("importer"), stdin, args);
    }

    private static Run importMlflow(String... more) {
        return ImportTool.importMlflow(work.resolve("importer"), Api.BASE_URL, sourceToken, targetOrg, more);
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
        source.model(scorer, "[{\"key\":\"team\",\"value\":\"risk\"}]");
        source.model(ranker, "[]");
        assertThat(source.version(scorer, "run1")).isEqualTo("1");
        assertThat(source.version(scorer, "run2")).isEqualTo("2");
        source.version(ranker, "run9");
        byte[] weights = random(4096, 1);
        String weightsSha = source.file(scorer, "1", "model.pkl", weights);
        String mlmodelSha = source.file(scorer, "1", "MLmodel", "flavors: {}\n".getBytes(StandardCharsets.UTF_8));
        source.alias(scorer, "champion", "1");
        // version 2 is approved and in Production in the source
        String sourceId = get("/models?group=mlflow&name=" + scorer).json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .filter(m -> m.getString("organization").equals(sourceOrg))
                .findFirst()
                .orElseThrow()
                .getString("id");
        String v2 = "/models/" + sourceId + "/versions/2.0.0";
        // through /api/v1 with a licence, which the default licence policy wants before review
        String v2Sha = source.registryFile(v2, "model.pkl", random(2048, 2));
        Reply submitted = post(v2 + "/transitions", "{\"to\":\"IN_REVIEW\"}", "Authorization", "Bearer " + sourceToken);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        Reply approved =
                post(v2 + "/approvals", "{\"decision\":\"APPROVE\"}", "Authorization", "Bearer " + reviewerToken);
        assertThat(approved.status()).as(approved.body()).isEqualTo(201);
        source.alias(scorer, "production", "2");

        Run first = importMlflow("--risk-tier", "LOW");
        first.assertCreated(2, 3, 3, 1, 1);
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
        second.assertCopiedNothing(2, 3, 3, 1);
        assertThat(get("/models/" + id + "/versions").json().getJsonArray("items"))
                .hasSize(2);

        assertThat(source.version(scorer, "run3")).isEqualTo("3");
        String v3Sha = source.file(scorer, "3", "model.pkl", random(1024, 3));
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
        source.call(
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
        return cli("", concat(base, more));
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
