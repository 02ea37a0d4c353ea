package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/** Health, the generated OpenAPI document, the baseline endpoint and the headers every response carries. */
class PlatformIT extends RegistryDeployment {

    @Test
    void readinessReportsTheMigratedDatabaseAndTheBroker() throws Exception {
        Reply probe = get(Api.BASE_URL + "/health/ready", Api.NO_AUTH, "");
        assertThat(probe.status()).isEqualTo(200);
        assertThat(probe.json().getString("status")).isEqualTo("UP");
        // the details are for registry administrators (/health is served to anyone: EdgeIT)
        Reply r = get("/system/readiness");
        assertThat(r.status()).isEqualTo(200);
        JsonObject health = r.json();
        assertThat(health.getString("status")).isEqualTo("UP");
        JsonObject db = health.getJsonArray("checks").stream()
                .map(c -> c.asJsonObject())
                .filter(c -> c.getString("name").equals("database"))
                .findFirst()
                .orElseThrow();
        JsonObject broker = health.getJsonArray("checks").stream()
                .map(c -> c.asJsonObject())
                .filter(c -> c.getString("name").equals("broker"))
                .findFirst()
                .orElseThrow();
        assertThat(broker.getString("status")).as(broker.toString()).isEqualTo("UP");
        assertThat(db.getJsonObject("data").getString("product")).startsWith("PostgreSQL 17");
        assertThat(db.getJsonObject("data").getString("schemaVersion")).isEqualTo(latestMigration());
    }

    /** The highest V<n> of the db/ folder: the schema every start must have migrated to. */
    private static String latestMigration() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("registry.it.db.dir", "../db")))) {
            return String.valueOf(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max()
                    .orElseThrow());
        }
    }

    @Test
    void openApiDescribesEveryEndpointWithSchemas() {
        Reply r = get(Api.BASE_URL + "/openapi", "Accept", "application/json");
        assertThat(r.status()).isEqualTo(200);
        JsonObject doc = r.json();
        JsonObject paths = doc.getJsonObject("paths");
        assertThat(paths.keySet())
                .contains(
                        "/api/v1/models",
                        "/api/v1/models/{id}",
                        "/api/v1/models/{modelId}/versions",
                        "/api/v1/models/{modelId}/versions/{version}",
                        "/api/v1/models/{modelId}/versions/{version}/artifacts",
                        "/api/v1/models/{modelId}/versions/{version}/artifacts/{artifactId}",
                        "/api/v1/models/{modelId}/versions/{version}/artifacts/{artifactId}/content",
                        "/api/v1/auth/token",
                        "/api/v1/auth/jwks");
        assertThat(paths.getJsonObject("/api/v1/models")
                        .getJsonObject("post")
                        .getJsonObject("responses")
                        .keySet())
                .contains("201", "400", "409", "422");
        assertThat(doc.getJsonObject("components").getJsonObject("schemas").keySet())
                .contains("ModelDto", "CreateModelRequest", "ModelVersionDto", "ArtifactDto", "RiskTier");
    }

    /**
     * The small bodies read by request records point at those records' schemas, beside the examples written by
     * hand. The schemas list no properties yet: Liberty defaults
     * {@code mp.openapi.extensions.smallrye.private-properties.enable} to false, which hides a record's components.
     */
    @Test
    void openApiPointsTheSmallRequestBodiesAtTheirRecords() {
        JsonObject doc =
                get(Api.BASE_URL + "/openapi", "Accept", "application/json").json();
        String version = "/api/v1/models/{modelId}/versions/{version}";
        assertThat(requestSchema(doc, version + "/approvals", "post")).isEqualTo("DecisionRequest");
        assertThat(requestSchema(doc, version + "/transitions", "post")).isEqualTo("TransitionRequest");
        assertThat(requestSchema(doc, version + "/policy-check", "post")).isEqualTo("PolicyCheckRequest");
        assertThat(requestSchema(doc, "/api/v1/models/{id}/aliases/{alias}", "put"))
                .isEqualTo("MoveAliasRequest");
        assertThat(requestSchema(doc, "/api/v1/organizations", "post")).isEqualTo("CreateOrganizationRequest");
        assertThat(requestSchema(doc, "/api/v1/organizations/{slug}/storage", "put"))
                .isEqualTo("StorageQuotaRequest");
        assertThat(doc.getJsonObject("components").getJsonObject("schemas").keySet())
                .contains(
                        "DecisionRequest",
                        "TransitionRequest",
                        "PolicyCheckRequest",
                        "MoveAliasRequest",
                        "CreateOrganizationRequest",
                        "StorageQuotaRequest");
        assertThat(requestBody(doc, version + "/approvals", "post")
                        .getJsonObject("examples")
                        .keySet())
                .containsExactly("approve");
        // the records are described by their fields, as clients (and FuzzIT) read them
        assertThat(properties(doc, "DecisionRequest")).contains("decision", "comment");
        assertThat(properties(doc, "CreateModelRequest")).contains("group", "name", "riskTier", "owners", "tags");
        assertThat(properties(doc, "StorageQuotaRequest")).isNotEmpty();
    }

    private static Set<String> properties(JsonObject doc, String schema) {
        JsonObject s = doc.getJsonObject("components").getJsonObject("schemas").getJsonObject(schema);
        assertThat(s).as(schema).isNotNull();
        JsonObject properties = s.getJsonObject("properties");
        assertThat(properties).as(schema + " has properties").isNotNull();
        return properties.keySet();
    }

    /** The JSON request body of an operation. */
    private static JsonObject requestBody(JsonObject doc, String path, String method) {
        return doc.getJsonObject("paths")
                .getJsonObject(path)
                .getJsonObject(method)
                .getJsonObject("requestBody")
                .getJsonObject("content")
                .getJsonObject("application/json");
    }

    /** The name of the component schema the JSON request body of an operation refers to. */
    private static String requestSchema(JsonObject doc, String path, String method) {
        String ref = requestBody(doc, path, method).getJsonObject("schema").getString("$ref", "");
        assertThat(ref).as(method + " " + path).startsWith("#/components/schemas/");
        return ref.substring("#/components/schemas/".length());
    }

    @Test
    void metricsNeedTheMetricsUserOverHttps() throws Exception {
        // over plain HTTP Liberty sends the caller to HTTPS rather than take credentials in clear
        assertThat(get(Api.BASE_URL + "/metrics", Api.NO_AUTH, "").status()).isIn(302, 401, 403);
        String url = "https://127.0.0.1:" + System.getProperty("registry.it.https.port") + "/metrics";
        var client = insecureClient();
        assertThat(client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(401);
        assertThat(client.send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .header("Authorization", basic("metrics:wrong"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(401);
        var ok = client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", basic("metrics:it-metrics-password"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("# TYPE");
        // the jobs' gauges: waiting, running and given-up jobs of each kind
        assertThat(ok.body().lines().filter(l -> l.startsWith("registry_jobs{")))
                .anyMatch(l -> l.contains("kind=\"evaluation\"") && l.contains("state=\"waiting\""))
                .anyMatch(l -> l.contains("kind=\"webhook\"") && l.contains("state=\"dead\""));
    }

    /** The IT server's {@code /metrics} as the metrics user reads it (Prometheus text). */
    static String metricsText() throws Exception {
        String url = "https://127.0.0.1:" + System.getProperty("registry.it.https.port") + "/metrics";
        return insecureClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", basic("metrics:it-metrics-password"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes());
    }

    /** A client that trusts the test server's self-signed certificate. */
    static HttpClient insecureClient() throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(
                null,
                new TrustManager[] {
                    new X509TrustManager() {
                        @Override
                        public void checkClientTrusted(X509Certificate[] c, String a) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] c, String a) {}

                        @Override
                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        return HttpClient.newBuilder().sslContext(trustAll).build();
    }

    @Test
    void httpsAnswersWithHsts() throws Exception {
        var client = insecureClient();
        var r = client.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + System.getProperty("registry.it.https.port")
                                + "/api/v1/system/ping"))
                        .header("Authorization", "Bearer " + Api.adminToken())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("max-age="));
    }

    @Test
    void theBenchmarkSeederIsOffUnlessEnabled() {
        Reply r = Api.post(Api.API + "/benchmark/seed?prefix=x&models=1&versions=1&artifacts=0&batch=1", "");
        assertThat(r.status()).isEqualTo(404);
        assertThat(Api.count("SELECT count(*) FROM model WHERE model_group LIKE 'bench-x-%'"))
                .isZero();
    }

    @Test
    void everyResponseCarriesARequestIdAndSecurityHeaders() {
        Reply r = get("/system/ping");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().getString("status")).isEqualTo("ok");
        assertThat(r.header("X-Request-Id")).isNotBlank();
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        Reply problem = get("/models/" + UUID.randomUUID());
        assertThat(problem.json().getString("requestId")).isEqualTo(problem.header("X-Request-Id"));
    }
}
