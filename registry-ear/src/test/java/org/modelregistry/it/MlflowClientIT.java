package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.api.proto.ModelRegistry.RegisteredModel;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.ModelVersionsPage;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.modelregistry.it.Api.Reply;

/**
 * MLflow's official Java client ({@code org.mlflow:mlflow-client}) against the registry's MLflow-compatible API: its
 * typed getters, and {@code sendPost}/{@code sendGet}/{@code sendPatch} (plain HTTP for DELETE and the artifact
 * proxy) for the rest. Every endpoint, search filters, order and paging, MLflow's errors, both ways MLflow clients
 * authenticate, and the attacks: a viewer creating versions, Production without approval, another organization's
 * model by name, tampered page tokens, huge and malformed bodies, path traversal, a wrong digest on upload.
 */
class MlflowClientIT extends RegistryDeployment {

    private static final String PASSWORD = "mlflow-password-1";
    private static final String MLFLOW = Api.BASE_URL + "/api/2.0/mlflow/";
    private static final String ARTIFACTS = Api.BASE_URL + "/api/2.0/mlflow-artifacts/artifacts";

    private static String org;
    private static String ownerName;
    private static String owner;
    private static String viewer;
    private static String reviewer;
    private static String deployer;
    private static String stranger;
    private static MlflowClient ownerClient;

    @BeforeAll
    static void people() {
        org = unique("mlf");
        String otherOrg = unique("mlf-other");
        for (String slug : List.of(org, otherOrg)) {
            Reply created = post("/organizations", "{\"slug\":\"" + slug + "\",\"displayName\":\"MLflow IT\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        ownerName = user(org, "CONTRIBUTOR");
        owner = token(ownerName);
        viewer = token(user(org, "VIEWER"));
        reviewer = token(user(org, "REVIEWER"));
        deployer = token(user(org, "DEPLOYER"));
        stranger = token(user(otherOrg, "CONTRIBUTOR"));
        ownerClient = client(owner);
    }

    private static String user(String organization, String role) {
        String name = unique("mlu");
        Reply r = post(
                "/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"memberships\":[{\"organization\":\""
                        + organization + "\",\"role\":\"" + role + "\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return name;
    }

    private static String token(String name) {
        Reply r = post(
                "/auth/token", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}", Api.NO_AUTH, "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getString("access_token");
    }

    /** MLflow's client with {@code MLFLOW_TRACKING_TOKEN} set to a registry token. */
    private static MlflowClient client(String accessToken) {
        return new MlflowClient(new BasicMlflowHostCreds(Api.BASE_URL, accessToken));
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** A raw MLflow call with a bearer token (or another Authorization value when it has a space). */
    private static Reply call(String method, String path, String body, String auth) {
        String authorization = auth.contains(" ") ? auth : "Bearer " + auth;
        return Api.send(
                method,
                path.startsWith("http") ? path : MLFLOW + path,
                body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body),
                "Content-Type",
                "application/json",
                "Authorization",
                authorization);
    }

    private static void assertError(Reply r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().getString("error_code")).as(r.body()).isEqualTo(code);
        assertThat(r.json().getString("message")).isNotBlank();
    }

    private static void assertError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(MlflowHttpException.class, e -> {
            assertThat(e.getStatusCode()).as(e.getBodyMessage()).isEqualTo(status);
            assertThat(json(e.getBodyMessage()).getString("error_code")).isEqualTo(code);
        });
    }

    private static String createModel(MlflowClient client, String name, String riskTier) {
        String created = client.sendPost(
                "registered-models/create",
                "{\"name\":\"" + name + "\",\"description\":\"made by MLflow\",\"tags\":[{\"key\":\"team\","
                        + "\"value\":\"risk\"},{\"key\":\"risk_tier\",\"value\":\"" + riskTier + "\"}]}");
        return json(created).getJsonObject("registered_model").getString("name");
    }

    private static JsonObject createVersion(MlflowClient client, String name, String runId) {
        String created = client.sendPost(
                "model-versions/create",
                "{\"name\":\"" + name + "\",\"source\":\"runs:/" + runId + "/model\",\"run_id\":\"" + runId
                        + "\",\"run_link\":\"https://mlflow.example.com/#/runs/" + runId + "\",\"description\":\"v\","
                        + "\"tags\":[{\"key\":\"framework\",\"value\":\"sklearn\"}]}");
        return json(created).getJsonObject("model_version");
    }

    private static String modelId(String mlflowName) {
        String name = mlflowName.contains("/") ? mlflowName.substring(mlflowName.indexOf('/') + 1) : mlflowName;
        String group = mlflowName.contains("/") ? mlflowName.substring(0, mlflowName.indexOf('/')) : "mlflow";
        Reply r = get("/models?group=" + group + "&name=" + name);
        return r.json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .filter(m -> m.getString("organization").equals(org))
                .findFirst()
                .orElseThrow()
                .getString("id");
    }

    @Test
    void registeredModelsAreTheRegistrysModelsOfTheCallersOrganization() {
        String name = unique("rm");
        assertThat(createModel(ownerClient, name, "LOW")).isEqualTo(name);

        RegisteredModel model = ownerClient.getRegisteredModel(name);
        assertThat(model.getName()).isEqualTo(name);
        assertThat(model.getDescription()).isEqualTo("made by MLflow");
        assertThat(model.getCreationTimestamp()).isGreaterThan(1_600_000_000_000L);
        assertThat(model.getTagsList().stream().collect(Collectors.toMap(t -> t.getKey(), t -> t.getValue())))
                .isEqualTo(Map.of("team", "risk"));
        JsonObject registry = get("/models/" + modelId(name)).json();
        assertThat(registry.getString("group")).isEqualTo("mlflow");
        assertThat(registry.getString("riskTier")).isEqualTo("LOW");
        assertThat(registry.getJsonArray("owners").getString(0)).isEqualTo(ownerName);

        assertError(
                call("POST", "registered-models/create", "{\"name\":\"" + name + "\"}", owner),
                400,
                "RESOURCE_ALREADY_EXISTS");
        json(ownerClient.sendPatch(
                "registered-models/update", "{\"name\":\"" + name + "\",\"description\":\"changed\"}"));
        assertThat(ownerClient.getRegisteredModel(name).getDescription()).isEqualTo("changed");

        ownerClient.sendPost(
                "registered-models/set-tag", "{\"name\":\"" + name + "\",\"key\":\"stage\",\"value\":\"beta\"}");
        assertThat(ownerClient.getRegisteredModel(name).getTagsList())
                .anyMatch(t -> t.getKey().equals("stage") && t.getValue().equals("beta"));
        Reply untag =
                call("DELETE", "registered-models/delete-tag", "{\"name\":\"" + name + "\",\"key\":\"stage\"}", owner);
        assertThat(untag.status()).as(untag.body()).isEqualTo(200);
        assertThat(ownerClient.getRegisteredModel(name).getTagsList())
                .noneMatch(t -> t.getKey().equals("stage"));
        assertError(
                call("DELETE", "registered-models/delete-tag", "{\"name\":\"" + name + "\",\"key\":\"stage\"}", owner),
                404,
                "RESOURCE_DOES_NOT_EXIST");

        String renamed = "team-" + name;
        String moved = json(ownerClient.sendPost(
                        "registered-models/rename", "{\"name\":\"" + name + "\",\"new_name\":\"grp/" + renamed + "\"}"))
                .getJsonObject("registered_model")
                .getString("name");
        assertThat(moved).isEqualTo("grp/" + renamed);
        assertError(() -> ownerClient.getRegisteredModel(name), 404, "RESOURCE_DOES_NOT_EXIST");
        assertThat(ownerClient.getRegisteredModel("grp/" + renamed).getDescription())
                .isEqualTo("changed");

        Reply deleted = call("DELETE", "registered-models/delete", "{\"name\":\"grp/" + renamed + "\"}", owner);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertError(() -> ownerClient.getRegisteredModel("grp/" + renamed), 404, "RESOURCE_DOES_NOT_EXIST");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Api.count(
                                "SELECT count(*) FROM audit_event WHERE actor = ? AND action IN"
                                        + " ('model.created', 'model.updated', 'model.deleted')",
                                ownerName))
                        .isGreaterThanOrEqualTo(5));
    }

    @Test
    void versionsAreDraftsWhoseStagesComeFromTheLifecycleAndAliases() {
        String name = unique("mv");
        createModel(ownerClient, name, "LOW");
        JsonObject v1 = createVersion(ownerClient, name, "run-a");
        assertThat(v1.getString("version")).isEqualTo("1");
        assertThat(v1.getString("current_stage")).isEqualTo("None");
        assertThat(v1.getString("status")).isEqualTo("READY");
        assertThat(createVersion(ownerClient, name, "run-b").getString("version"))
                .isEqualTo("2");

        ModelVersion typed = ownerClient.getModelVersion(name, "1");
        assertThat(typed.getRunId()).isEqualTo("run-a");
        assertThat(typed.getSource()).isEqualTo("runs:/run-a/model");
        assertThat(typed.getRunLink()).isEqualTo("https://mlflow.example.com/#/runs/run-a");
        assertThat(typed.getUserId()).isEqualTo(ownerName);
        assertThat(typed.getTagsList()).anyMatch(t -> t.getKey().equals("framework"));
        String id = modelId(name);
        assertThat(get("/models/" + id + "/versions/1.0.0").json().getString("state"))
                .as("a version registered through MLflow is a registry DRAFT")
                .isEqualTo("DRAFT");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Api.count(
                                "SELECT count(*) FROM audit_event WHERE actor = ? AND action = 'version.created'",
                                ownerName))
                        .isGreaterThanOrEqualTo(2));

        ownerClient.sendPatch(
                "model-versions/update", "{\"name\":\"" + name + "\",\"version\":\"1\",\"description\":\"first\"}");
        ownerClient.sendPost(
                "model-versions/set-tag",
                "{\"name\":\"" + name + "\",\"version\":\"1\",\"key\":\"validated\",\"value\":\"yes\"}");
        assertThat(ownerClient.getModelVersion(name, "1").getTagsList())
                .anyMatch(t -> t.getKey().equals("validated"));
        Reply untag = call(
                "DELETE",
                "model-versions/delete-tag",
                "{\"name\":\"" + name + "\",\"version\":\"1\",\"key\":\"validated\"}",
                owner);
        assertThat(untag.status()).as(untag.body()).isEqualTo(200);
        assertThat(ownerClient.getModelVersion(name, "1").getDescription()).isEqualTo("first");
        assertThat(ownerClient.getModelVersionDownloadUri(name, "1"))
                .isEqualTo("mlflow-artifacts:/mlflow/" + name + "/1");

        JsonObject staged = json(ownerClient.sendPost(
                        "model-versions/transition-stage",
                        "{\"name\":\"" + name + "\",\"version\":\"2\",\"stage\":\"staging\"}"))
                .getJsonObject("model_version");
        assertThat(staged.getString("current_stage")).isEqualTo("Staging");
        assertThat(ownerClient.getLatestVersions(name, List.of("Staging")))
                .extracting(ModelVersion::getVersion)
                .containsExactly("2");

        // Production is the protected alias: an approved version, moved by a deployer
        String toProduction = "{\"name\":\"" + name + "\",\"version\":\"1\",\"stage\":\"Production\"}";
        assertError(call("POST", "model-versions/transition-stage", toProduction, owner), 403, "PERMISSION_DENIED");
        Reply unapproved = call("POST", "model-versions/transition-stage", toProduction, deployer);
        assertError(unapproved, 400, "INVALID_STATE");
        assertThat(unapproved.json().getString("message")).contains("protected");
        assertError(
                call(
                        "POST",
                        "model-versions/transition-stage",
                        "{\"name\":\"" + name + "\",\"version\":\"1\",\"stage\":\"Archived\"}",
                        owner),
                400,
                "INVALID_STATE");
        assertError(
                call("DELETE", "model-versions/delete", "{\"name\":\"" + name + "\",\"version\":\"1\"}", owner),
                400,
                "INVALID_STATE");

        String version = "/models/" + id + "/versions/1.0.0";
        Reply submitted = post(version + "/transitions", "{\"to\":\"IN_REVIEW\"}", "Authorization", "Bearer " + owner);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        Reply approved =
                post(version + "/approvals", "{\"decision\":\"APPROVE\"}", "Authorization", "Bearer " + reviewer);
        assertThat(approved.status()).as(approved.body()).isEqualTo(201);
        assertError(
                call(
                        "POST",
                        "model-versions/set-tag",
                        "{\"name\":\"" + name + "\",\"version\":\"1\",\"key\":\"k\",\"value\":\"v\"}",
                        owner),
                400,
                "INVALID_STATE");
        Reply production = call("POST", "model-versions/transition-stage", toProduction, deployer);
        assertThat(production.status()).as(production.body()).isEqualTo(200);
        assertThat(production.json().getJsonObject("model_version").getString("current_stage"))
                .isEqualTo("Production");
        assertThat(ownerClient.getLatestVersions(name))
                .extracting(v -> v.getVersion() + ":" + v.getCurrentStage())
                .containsExactly("2:Staging", "1:Production");

        ownerClient.sendPost(
                "registered-models/alias", "{\"name\":\"" + name + "\",\"alias\":\"champion\",\"version\":\"2\"}");
        JsonObject byAlias = json(ownerClient.sendGet("registered-models/alias?name=" + name + "&alias=champion"));
        assertThat(byAlias.getJsonObject("model_version").getString("version")).isEqualTo("2");
        assertThat(ownerClient.getRegisteredModel(name).getAliasesList())
                .anyMatch(a -> a.getAlias().equals("champion") && a.getVersion().equals("2"));
        Reply unalias =
                call("DELETE", "registered-models/alias", "{\"name\":\"" + name + "\",\"alias\":\"champion\"}", owner);
        assertThat(unalias.status()).as(unalias.body()).isEqualTo(200);
        assertError(
                call("GET", "registered-models/alias?name=" + name + "&alias=champion", null, owner),
                404,
                "RESOURCE_DOES_NOT_EXIST");

        Reply archived = call(
                "POST",
                "model-versions/transition-stage",
                "{\"name\":\"" + name + "\",\"version\":\"1\",\"stage\":\"Archived\"}",
                owner);
        assertThat(archived.status()).as(archived.body()).isEqualTo(200);
        assertThat(archived.json().getJsonObject("model_version").getString("current_stage"))
                .isEqualTo("Archived");
        Reply retired = call("DELETE", "model-versions/delete", "{\"name\":\"" + name + "\",\"version\":\"1\"}", owner);
        assertThat(retired.status()).as(retired.body()).isEqualTo(200);
        assertThat(get(version).json().getString("state")).isEqualTo("RETIRED");
        assertError(
                call("DELETE", "registered-models/delete", "{\"name\":\"" + name + "\"}", owner), 400, "INVALID_STATE");
        assertError(
                call(
                        "POST",
                        "model-versions/transition-stage",
                        "{\"name\":\"" + name + "\",\"version\":\"2\",\"stage\":\"Live\"}",
                        owner),
                400,
                "INVALID_PARAMETER_VALUE");
        assertError(() -> ownerClient.getModelVersion(name, "9"), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void searchesFilterOrderAndPageWithTokensThatCannotBeForged() {
        String prefix = unique("srch");
        for (String suffix : List.of("a", "b", "c")) {
            createModel(ownerClient, prefix + "-" + suffix, "LOW");
        }
        ownerClient.sendPost(
                "registered-models/set-tag", "{\"name\":\"" + prefix + "-b\",\"key\":\"team\",\"value\":\"ops\"}");
        String like = URLEncoder.encode("name LIKE '" + prefix + "-%'", StandardCharsets.UTF_8);
        JsonObject first =
                json(ownerClient.sendGet("registered-models/search?max_results=2&order_by=name+DESC&filter=" + like));
        assertThat(names(first, "registered_models")).containsExactly(prefix + "-c", prefix + "-b");
        String token = first.getString("next_page_token");
        JsonObject second = json(ownerClient.sendGet("registered-models/search?max_results=2&order_by=name+DESC&filter="
                + like + "&page_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
        assertThat(names(second, "registered_models")).containsExactly(prefix + "-a");
        assertThat(second.containsKey("next_page_token")).isFalse();
        String ops = URLEncoder.encode(
                "name ILIKE '" + prefix.toUpperCase() + "%' AND tags.team = 'ops'", StandardCharsets.UTF_8);
        assertThat(names(json(ownerClient.sendGet("registered-models/search?filter=" + ops)), "registered_models"))
                .containsExactly(prefix + "-b");

        // a token is bound to its search and sealed: changed, forged or reused elsewhere, it is refused
        char last = token.charAt(token.length() - 1);
        String lastChanged = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        int middle = token.length() - 20;
        String middleChanged =
                token.substring(0, middle) + (token.charAt(middle) == 'x' ? 'y' : 'x') + token.substring(middle + 1);
        for (String bad : List.of(
                lastChanged,
                middleChanged,
                "MTAw",
                "v1:abc:" + Base64.getUrlEncoder().encodeToString(new byte[40]))) {
            assertError(
                    call(
                            "GET",
                            "registered-models/search?max_results=2&order_by=name+DESC&filter=" + like + "&page_token="
                                    + URLEncoder.encode(bad, StandardCharsets.UTF_8),
                            null,
                            owner),
                    400,
                    "INVALID_PARAMETER_VALUE");
        }
        assertError(
                call(
                        "GET",
                        "registered-models/search?max_results=2&page_token="
                                + URLEncoder.encode(token, StandardCharsets.UTF_8),
                        null,
                        owner),
                400,
                "INVALID_PARAMETER_VALUE");
        for (String bad : List.of("name = unquoted", "owner = 'x'", "name = 'a' OR name = 'b'")) {
            assertError(
                    call(
                            "GET",
                            "registered-models/search?filter=" + URLEncoder.encode(bad, StandardCharsets.UTF_8),
                            null,
                            owner),
                    400,
                    "INVALID_PARAMETER_VALUE");
        }
        assertError(call("GET", "registered-models/search?max_results=0", null, owner), 400, "INVALID_PARAMETER_VALUE");
        assertError(
                call("GET", "registered-models/search?order_by=colour", null, owner), 400, "INVALID_PARAMETER_VALUE");

        String run = unique("run");
        createVersion(ownerClient, prefix + "-a", run);
        createVersion(ownerClient, prefix + "-a", unique("run"));
        createVersion(ownerClient, prefix + "-b", run);
        assertThat(ownerClient.searchModelVersions("run_id = '" + run + "'").getItems())
                .extracting(v -> v.getName() + ":" + v.getVersion())
                .containsExactly(prefix + "-a:1", prefix + "-b:1");
        ModelVersionsPage page =
                ownerClient.searchModelVersions("name = '" + prefix + "-a'", 1, List.of("version_number ASC"));
        List<String> versions = new ArrayList<>();
        page.getItems().forEach(v -> versions.add(v.getVersion()));
        assertThat(page.hasNextPage()).isTrue();
        page = (ModelVersionsPage) page.getNextPage();
        page.getItems().forEach(v -> versions.add(v.getVersion()));
        assertThat(versions).containsExactly("1", "2");
        assertThat(page.hasNextPage()).isFalse();
        assertThat(ownerClient
                        .searchModelVersions(
                                "name = '" + prefix + "-a' AND tags.framework = 'sklearn' AND run_id = '" + run + "'")
                        .getItems())
                .hasSize(1);
        assertThat(ownerClient.searchModelVersions("name = 'no-such-model'").getItems())
                .isEmpty();
    }

    @Test
    void mlflowClientsAuthenticateWithBasicOrAnApiKeyThroughTheLoginThrottle() {
        String name = unique("auth");
        createModel(ownerClient, name, "LOW");
        MlflowClient basic = new MlflowClient(new BasicMlflowHostCreds(Api.BASE_URL, ownerName, PASSWORD));
        assertThat(basic.getRegisteredModel(name).getName()).isEqualTo(name);
        assertThat(createVersion(basic, name, "basic-run").getString("user_id")).isEqualTo(ownerName);

        MlflowClient wrong = new MlflowClient(new BasicMlflowHostCreds(Api.BASE_URL, ownerName, "not-the-password"));
        assertError(() -> wrong.getRegisteredModel(name), 401, "UNAUTHENTICATED");
        Reply none = Api.send(
                "GET", MLFLOW + "registered-models/get?name=" + name, BodyPublishers.noBody(), Api.NO_AUTH, "");
        assertError(none, 401, "UNAUTHENTICATED");
        assertError(
                call("GET", "registered-models/get?name=" + name, null, "Basic !!!not-base64"), 401, "UNAUTHENTICATED");

        Reply account = post(
                "/service-accounts",
                "{\"name\":\"" + unique("mlsa") + "\",\"organization\":\"" + org + "\",\"role\":\"VIEWER\"}");
        assertThat(account.status()).as(account.body()).isEqualTo(201);
        String apiKey = account.json().getString("apiKey");
        MlflowClient keyAsPassword = new MlflowClient(new BasicMlflowHostCreds(Api.BASE_URL, "ci", apiKey));
        assertThat(keyAsPassword.getRegisteredModel(name).getName()).isEqualTo(name);
        assertError(
                () -> keyAsPassword.sendPost(
                        "model-versions/create", "{\"name\":\"" + name + "\",\"source\":\"s3://b/m\"}"),
                403,
                "PERMISSION_DENIED");
        Reply keyAsBearer = call("GET", "registered-models/get?name=" + name, null, "Bearer " + apiKey);
        assertThat(keyAsBearer.status()).as(keyAsBearer.body()).isEqualTo(200);
        assertError(
                call(
                        "GET",
                        "registered-models/get?name=" + name,
                        null,
                        "Bearer " + apiKey.substring(0, apiKey.length() - 2) + "xx"),
                401,
                "UNAUTHENTICATED");
    }

    @Test
    void callersNeverReachPastTheirRoleOrOrganization() {
        String name = unique("ten");
        createModel(ownerClient, name, "LOW");
        createVersion(ownerClient, name, "r1");

        MlflowClient viewerClient = client(viewer);
        assertThat(viewerClient.getRegisteredModel(name).getName()).isEqualTo(name);
        assertError(
                () -> viewerClient.sendPost(
                        "model-versions/create", "{\"name\":\"" + name + "\",\"source\":\"s3://b/m\"}"),
                403,
                "PERMISSION_DENIED");
        assertError(
                () -> viewerClient.sendPost("registered-models/create", "{\"name\":\"" + unique("v") + "\"}"),
                403,
                "PERMISSION_DENIED");
        assertError(
                () -> viewerClient.sendPatch(
                        "model-versions/update", "{\"name\":\"" + name + "\",\"version\":\"1\",\"description\":\"x\"}"),
                403,
                "PERMISSION_DENIED");

        // the same MLflow name in another organization is another model: the stranger never sees the owner's
        MlflowClient strangerClient = client(stranger);
        assertError(() -> strangerClient.getRegisteredModel(name), 404, "RESOURCE_DOES_NOT_EXIST");
        assertError(() -> strangerClient.getModelVersion(name, "1"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertThat(strangerClient.searchModelVersions("run_id = 'r1'").getItems())
                .noneMatch(v -> v.getName().equals(name));
        createModel(strangerClient, name, "LOW");
        assertThat(strangerClient.getRegisteredModel(name).getLatestVersionsList())
                .isEmpty();
        assertThat(ownerClient.getRegisteredModel(name).getLatestVersionsList()).hasSize(1);

        // a registry administrator sees every organization: without registry.mlflow.organization, names are ambiguous
        Reply admin = Api.send("GET", MLFLOW + "registered-models/get?name=" + name, BodyPublishers.noBody());
        assertError(admin, 400, "INVALID_PARAMETER_VALUE");
        assertThat(admin.json().getString("message")).contains("registry.mlflow.organization");
    }

    @Test
    void artifactsGoThroughTheContentStoreWithTheirDigestChecked() throws Exception {
        String name = unique("art");
        createModel(ownerClient, name, "LOW");
        createVersion(ownerClient, name, "art-run");
        byte[] bytes = "weights of the model".getBytes(StandardCharsets.UTF_8);
        String digest = "sha-256=:"
                + Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes)) + ":";
        String file = ARTIFACTS + "/mlflow/" + name + "/1/model.bin";
        Reply put = Api.send(
                "PUT",
                file,
                BodyPublishers.ofByteArray(bytes),
                "Content-Digest",
                digest,
                "Authorization",
                "Bearer " + owner);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        Reply got = Api.send("GET", file, BodyPublishers.noBody(), "Authorization", "Bearer " + owner);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("weights of the model");
        assertThat(got.header("Repr-Digest")).isEqualTo(digest);
        Reply listed = Api.send(
                "GET",
                ARTIFACTS + "?path=mlflow/" + name + "/1",
                BodyPublishers.noBody(),
                "Authorization",
                "Bearer " + owner);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonObject entry = listed.json().getJsonArray("files").getJsonObject(0);
        assertThat(entry.getString("path")).isEqualTo("model.bin");
        assertThat(entry.getJsonNumber("file_size").longValue()).isEqualTo(bytes.length);
        assertThat(Api.send(
                                "GET",
                                ARTIFACTS + "?path=mlflow/" + name,
                                BodyPublishers.noBody(),
                                "Authorization",
                                "Bearer " + owner)
                        .json()
                        .getJsonArray("files")
                        .getJsonObject(0)
                        .getString("path"))
                .isEqualTo("1");

        String wrong = ARTIFACTS + "/mlflow/" + name + "/1/other.bin";
        assertError(
                Api.send(
                        "PUT",
                        wrong,
                        BodyPublishers.ofByteArray("tampered".getBytes(StandardCharsets.UTF_8)),
                        "Content-Digest",
                        digest,
                        "Authorization",
                        "Bearer " + owner),
                400,
                "INVALID_PARAMETER_VALUE");
        assertError(
                Api.send("GET", wrong, BodyPublishers.noBody(), "Authorization", "Bearer " + owner),
                404,
                "RESOURCE_DOES_NOT_EXIST");
        assertError(
                Api.send(
                        "PUT",
                        ARTIFACTS + "/mlflow/" + name + "/1/x.bin",
                        BodyPublishers.ofByteArray(bytes),
                        "Content-Digest",
                        "md5=:abc:",
                        "Authorization",
                        "Bearer " + owner),
                400,
                "INVALID_PARAMETER_VALUE");
        assertError(
                Api.send(
                        "PUT",
                        ARTIFACTS + "/mlflow/" + name + "/1/v.bin",
                        BodyPublishers.ofByteArray(bytes),
                        "Authorization",
                        "Bearer " + viewer),
                403,
                "PERMISSION_DENIED");

        for (String traversal : List.of(
                "/mlflow/" + name + "/1/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/mlflow/" + name + "/1/..%2F..%2Fx",
                "/mlflow/" + name + "/1/a%5C..%5Cb",
                "/mlflow/" + name + "/%2e%2e/1/model.bin")) {
            Reply r =
                    Api.send("GET", ARTIFACTS + traversal, BodyPublishers.noBody(), "Authorization", "Bearer " + owner);
            assertThat(r.status()).as(traversal + " " + r.body()).isIn(400, 404);
            assertThat(r.body()).doesNotContain("root:");
            Reply w = Api.send(
                    "PUT",
                    ARTIFACTS + traversal,
                    BodyPublishers.ofByteArray(bytes),
                    "Authorization",
                    "Bearer " + owner);
            assertThat(w.status()).as(traversal + " " + w.body()).isIn(400, 404);
        }
    }

    @Test
    void malformedHugeAndUnknownRequestsAreMlflowErrorsNever500() {
        assertError(call("POST", "registered-models/create", "{\"name\":", owner), 400, "INVALID_PARAMETER_VALUE");
        assertError(call("POST", "registered-models/create", "[1,2]", owner), 400, "INVALID_PARAMETER_VALUE");
        assertError(
                call("POST", "registered-models/create", "{\"name\":{\"a\":1}}", owner),
                400,
                "INVALID_PARAMETER_VALUE");
        assertError(call("POST", "registered-models/create", "{}", owner), 400, "INVALID_PARAMETER_VALUE");
        assertError(
                call("POST", "registered-models/create", "{\"name\":\"Not A Name\"}", owner),
                400,
                "INVALID_PARAMETER_VALUE");
        assertError(
                call("POST", "registered-models/create", "{\"name\":\"" + unique("t") + "\",\"tags\":\"x\"}", owner),
                400,
                "INVALID_PARAMETER_VALUE");
        String huge = "{\"name\":\"x\",\"description\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        assertError(call("POST", "registered-models/create", huge, owner), 400, "INVALID_PARAMETER_VALUE");
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertError(call("POST", "registered-models/create", deep, owner), 400, "INVALID_PARAMETER_VALUE");
        assertError(
                call("GET", "registered-models/get?name=" + "x".repeat(300), null, owner),
                400,
                "INVALID_PARAMETER_VALUE");
        assertError(call("GET", "registered-models/get", null, owner), 400, "INVALID_PARAMETER_VALUE");
        assertError(call("GET", "registered-models/get?name=..%2Fx", null, owner), 400, "INVALID_PARAMETER_VALUE");
        assertError(call("GET", "experiments/list", null, owner), 404, "ENDPOINT_NOT_FOUND");
        Reply v1 = get("/models/" + "not-a-uuid");
        assertThat(v1.contentType())
                .as("the registry's own API keeps problem documents")
                .startsWith("application/problem+json");
    }

    private static List<String> names(JsonObject page, String field) {
        List<String> out = new ArrayList<>();
        page.getJsonArray(field).forEach(v -> out.add(v.asJsonObject().getString("name")));
        return out;
    }
}
