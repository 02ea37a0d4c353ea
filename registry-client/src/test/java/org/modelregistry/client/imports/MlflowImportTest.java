package org.modelregistry.client.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.client.Credentials;
import org.modelregistry.client.FakeRegistry;
import org.modelregistry.client.RegistryClient;

/**
 * {@link MlflowImport} between an MLflow server and a registry, both played by the JDK's HTTP server: what the
 * registry's own MLflow API cannot hold as a source (a risk_tier tag, a tag outside the registry's rule, a local
 * path as source, artifacts on S3) and a version number already taken by a version not imported.
 */
class MlflowImportTest {

    private static final String MODEL_ID = "0190aaaa-0000-7000-8000-000000000001";

    private HttpServer mlflow;
    private FakeRegistry registry;

    @BeforeEach
    void start() throws IOException {
        mlflow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, String> answers = Map.of(
                "registered-models/search",
                "{\"registered_models\":[{\"name\":\"Fraud\"}]}",
                "registered-models/get",
                "{\"registered_model\":{\"name\":\"Fraud\",\"description\":\"scores\",\"tags\":["
                        + "{\"key\":\"risk_tier\",\"value\":\"high\"},{\"key\":\"Owner Team\",\"value\":\"Risk\"},"
                        + "{\"key\":\"team\",\"value\":\"risk\"}]}}",
                "model-versions/search",
                "{\"model_versions\":[{\"name\":\"Fraud\",\"version\":\"2\",\"source\":\"/tmp/mlruns/2\","
                        + "\"current_stage\":\"Staging\",\"run_id\":\"r2\"},"
                        + "{\"name\":\"Fraud\",\"version\":\"1\",\"source\":\"s3://b/1\"}]}",
                "model-versions/get-download-uri",
                "{\"artifact_uri\":\"s3://bucket/fraud/2\"}");
        answers.forEach((path, json) -> mlflow.createContext("/api/2.0/mlflow/" + path, e -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            e.sendResponseHeaders(200, body.length);
            try (OutputStream out = e.getResponseBody()) {
                out.write(body);
            }
        }));
        mlflow.start();
        registry = new FakeRegistry()
                .on("GET models", (e, b, n) -> FakeRegistry.json(e, 200, "{\"items\":[]}"))
                .on("POST models", (e, b, n) -> FakeRegistry.json(e, 201, model()))
                .on(
                        "GET models/" + MODEL_ID + "/versions",
                        (e, b, n) -> FakeRegistry.json(
                                e, 200, "{\"items\":[" + version("1.0.0", "{\"framework\":\"hand-made\"}") + "]}"))
                .on(
                        "POST models/" + MODEL_ID + "/versions",
                        (e, b, n) -> FakeRegistry.json(
                                e,
                                201,
                                version(
                                        "2.0.0",
                                        read(b).getJsonObject("metadata").toString())))
                .on(
                        "GET models/" + MODEL_ID + "/versions/2.0.0/artifacts",
                        (e, b, n) -> FakeRegistry.json(e, 200, "{\"items\":[]}"));
    }

    @AfterEach
    void stop() {
        mlflow.stop(0);
        registry.close();
    }

    private static String model() {
        return "{\"id\":\"" + MODEL_ID + "\",\"organization\":\"o\",\"group\":\"mlflow\",\"name\":\"fraud\","
                + "\"riskTier\":\"HIGH\",\"owners\":[\"alice\"],\"tags\":[\"team=risk\"],\"revision\":0}";
    }

    private static String version(String v, String metadata) {
        return "{\"id\":\"0190aaaa-0000-7000-8000-00000000000" + v.charAt(0) + "\",\"modelId\":\"" + MODEL_ID
                + "\",\"version\":\"" + v + "\",\"state\":\"DRAFT\",\"metadata\":" + metadata
                + ",\"revision\":0,\"contentFrozen\":false}";
    }

    private static JsonObject read(byte[] body) {
        return Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))
                .readObject();
    }

    @Test
    void copiesWhatTheRegistryTakesAndReportsTheRest() {
        RegistryClient client = RegistryClient.builder(registry.url())
                .credentials(Credentials.none())
                .build();
        MlflowSource source =
                MlflowSource.of("http://127.0.0.1:" + mlflow.getAddress().getPort());
        ImportReport report =
                new MlflowImport(source, client, new MlflowImport.Options("o", "mlflow", RiskTier.MEDIUM, false)).run();

        JsonObject created = read(registry.seen("POST models").get(0).body());
        assertThat(created.getString("riskTier")).as("from the risk_tier tag").isEqualTo("HIGH");
        assertThat(created.getString("name")).isEqualTo("fraud");
        assertThat(created.getString("organization")).isEqualTo("o");
        assertThat(created.getJsonArray("tags").toString()).isEqualTo("[\"team=risk\"]");

        JsonObject version = read(
                registry.seen("POST models/" + MODEL_ID + "/versions").get(0).body());
        assertThat(version.getString("version")).isEqualTo("2.0.0");
        assertThat(version.containsKey("sourceUri"))
                .as("a local path is no URI")
                .isFalse();
        JsonObject mlflowMeta = version.getJsonObject("metadata").getJsonObject("mlflow");
        assertThat(mlflowMeta.getString("source")).isEqualTo("/tmp/mlruns/2");
        assertThat(mlflowMeta.getString("stage")).isEqualTo("Staging");
        assertThat(mlflowMeta.getString("run_id")).isEqualTo("r2");
        assertThat(version.getJsonObject("metadata").getJsonObject("import").getString("name"))
                .isEqualTo("Fraud");

        assertThat(report.items())
                .extracting(ImportReport.Item::kind, ImportReport.Item::name, ImportReport.Item::outcome)
                .containsExactly(
                        tuple("tag", "mlflow/fraud Owner Team=Risk", ImportReport.Outcome.NOT_IMPORTED),
                        tuple("model", "mlflow/fraud", ImportReport.Outcome.CREATED),
                        tuple("tag", "mlflow/fraud team=risk", ImportReport.Outcome.CREATED),
                        tuple("version", "mlflow/fraud 1.0.0", ImportReport.Outcome.CONFLICT),
                        tuple("version", "mlflow/fraud 2.0.0", ImportReport.Outcome.CREATED),
                        tuple("artifact", "mlflow/fraud 2.0.0 s3://bucket/fraud/2", ImportReport.Outcome.NOT_IMPORTED));
        assertThat(report.hasConflicts()).isTrue();
        assertThat(report.firstFailure()).isEmpty();
    }
}
