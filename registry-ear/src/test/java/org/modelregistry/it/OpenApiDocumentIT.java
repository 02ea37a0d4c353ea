package org.modelregistry.it;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * The served {@code /openapi} as a client generator reads it. The document must parse without a message, and pass
 * rules that mirror Redocly's recommended lint (docs/architecture.md#the-api-document): servers, info and licence;
 * a security scheme, applied to every operation, with the token endpoints alone public; a pinned, unique
 * {@code operationId}, a summary and described tags on every operation; a 2xx and a 4xx answer each; every error
 * answer of the registry's API the one RFC 9457 {@code Problem} schema; path parameters declared; every
 * {@code $ref} resolved and every component used. Then it is held to the server: what it says about security is what
 * the server does, a client that knows only the document signs in with an API key and works, and bad inputs get
 * only the statuses the document lists for their operation. The document is saved as {@code target/openapi.json}
 * for {@code npx @redocly/cli lint}.
 */
class OpenApiDocumentIT extends RegistryDeployment {

    /**
     * Generated clients name their methods after these: an id may not change or disappear silently. New operations
     * add theirs here.
     */
    static final Map<String, String> OPERATION_IDS = Map.ofEntries(
            entry("GET /api/v1/admin/cluster", "getClusterStatus"),
            entry("GET /api/v1/admin/reindex", "getReindexStatus"),
            entry("POST /api/v1/admin/reindex", "startReindex"),
            entry("GET /api/v1/audit", "searchAuditRecords"),
            entry("GET /api/v1/audit/archives", "listAuditArchives"),
            entry("POST /api/v1/audit/archives", "archiveAuditRecords"),
            entry("GET /api/v1/audit/checkpoints", "listAuditCheckpoints"),
            entry("GET /api/v1/audit/search", "searchAuditIndex"),
            entry("POST /api/v1/audit/checkpoints", "createAuditCheckpoint"),
            entry("DELETE /api/v1/audit/partitions/{month}", "dropAuditPartition"),
            entry("GET /api/v1/audit/verify", "verifyAuditChain"),
            entry("GET /api/v1/auth/jwks", "getJwks"),
            entry("GET /api/v1/auth/signing-key.pem", "getSigningKeyPem"),
            entry("POST /api/v1/auth/token", "issueToken"),
            entry("GET /api/v1/auth/trusted-keys", "getTrustedKeys"),
            entry("POST /api/v1/benchmark/cache", "setBenchmarkCache"),
            entry("POST /api/v1/benchmark/seed", "seedBenchmarkCatalog"),
            entry("GET /api/v1/deployment-targets", "listDeploymentTargets"),
            entry("POST /api/v1/deployment-targets", "createDeploymentTarget"),
            entry("GET /api/v1/deployment-targets/{id}", "getDeploymentTarget"),
            entry("PATCH /api/v1/deployment-targets/{id}", "updateDeploymentTarget"),
            entry("GET /api/v1/deployments/{id}", "getDeployment"),
            entry("POST /api/v1/ci-events/{system}/{target}", "receiveCiEvent"),
            entry("POST /api/v1/deployments/{id}/rollback", "rollbackDeployment"),
            entry("POST /api/v1/deployments/{id}/status", "reportDeploymentStatus"),
            entry("GET /api/v1/evaluation-suites", "listEvaluationSuites"),
            entry("POST /api/v1/evaluation-suites", "createEvaluationSuite"),
            entry("GET /api/v1/evaluation-suites/{id}", "getEvaluationSuite"),
            entry("GET /api/v1/models", "listModels"),
            entry("POST /api/v1/models", "createModel"),
            entry("DELETE /api/v1/models/{id}", "deleteModel"),
            entry("GET /api/v1/models/{id}", "getModel"),
            entry("PATCH /api/v1/models/{id}", "updateModel"),
            entry("GET /api/v1/models/{id}/aliases", "listAliases"),
            entry("DELETE /api/v1/models/{id}/aliases/{alias}", "deleteAlias"),
            entry("GET /api/v1/models/{id}/aliases/{alias}", "getAlias"),
            entry("PUT /api/v1/models/{id}/aliases/{alias}", "moveAlias"),
            entry("GET /api/v1/models/{id}/similar", "listSimilarModels"),
            entry("GET /api/v1/models/{modelId}/versions", "listVersions"),
            entry("POST /api/v1/models/{modelId}/versions", "createVersion"),
            entry("GET /api/v1/models/{modelId}/versions/{version}", "getVersion"),
            entry("PATCH /api/v1/models/{modelId}/versions/{version}", "updateVersion"),
            entry("GET /api/v1/models/{modelId}/versions/{version}/approvals", "listApprovals"),
            entry("POST /api/v1/models/{modelId}/versions/{version}/approvals", "decideApproval"),
            entry("GET /api/v1/models/{modelId}/versions/{version}/artifacts", "listArtifacts"),
            entry("POST /api/v1/models/{modelId}/versions/{version}/artifacts", "createArtifact"),
            entry("GET /api/v1/models/{modelId}/versions/{version}/artifacts/{artifactId}", "getArtifact"),
            entry(
                    "GET /api/v1/models/{modelId}/versions/{version}/artifacts/{artifactId}/content",
                    "downloadArtifactContent"),
            entry(
                    "PUT /api/v1/models/{modelId}/versions/{version}/artifacts/{artifactId}/content",
                    "uploadArtifactContent"),
            entry("GET /api/v1/models/{modelId}/versions/{version}/deployments", "listVersionDeployments"),
            entry("POST /api/v1/models/{modelId}/versions/{version}/deployments", "deployVersion"),
            entry("GET /api/v1/models/{modelId}/versions/{version}/evaluations", "listVersionEvaluations"),
            entry("POST /api/v1/models/{modelId}/versions/{version}/evaluations", "evaluateVersion"),
            entry("GET /api/v1/models/{modelId}/versions/{version}/evaluations/{runId}", "getVersionEvaluation"),
            entry("GET /api/v1/models/{modelId}/versions/{version}/evidence", "getVersionEvidence"),
            entry("POST /api/v1/models/{modelId}/versions/{version}/policy-check", "checkVersionPolicies"),
            entry("GET /api/v1/models/{modelId}/versions/{version}/policy-evaluations", "listPolicyEvaluations"),
            entry("POST /api/v1/models/{modelId}/versions/{version}/transitions", "transitionVersion"),
            entry("GET /api/v1/organizations", "listOrganizations"),
            entry("POST /api/v1/organizations", "createOrganization"),
            entry("GET /api/v1/organizations/{slug}/storage", "getOrganizationStorage"),
            entry("PUT /api/v1/organizations/{slug}/storage", "setOrganizationStorageQuota"),
            entry("GET /api/v1/policies", "listPolicies"),
            entry("POST /api/v1/policies", "createPolicy"),
            entry("DELETE /api/v1/policies/{id}", "disablePolicy"),
            entry("GET /api/v1/policies/{id}", "getPolicy"),
            entry("PATCH /api/v1/policies/{id}", "updatePolicy"),
            entry("GET /api/v1/policies/{id}/versions", "listPolicyRevisions"),
            entry("GET /api/v1/search", "searchCatalog"),
            entry("GET /api/v1/service-accounts", "listServiceAccounts"),
            entry("POST /api/v1/service-accounts", "createServiceAccount"),
            entry("DELETE /api/v1/service-accounts/{id}", "revokeServiceAccount"),
            entry("GET /api/v1/system/ping", "ping"),
            entry("GET /api/v1/system/readiness", "getReadinessDetails"),
            entry("GET /api/v1/users", "listUsers"),
            entry("POST /api/v1/users", "createUser"),
            entry("GET /api/v1/users/{id}", "getUser"),
            entry("PATCH /api/v1/users/{id}", "updateUser"),
            entry("GET /api/v1/webhooks", "listWebhooks"),
            entry("POST /api/v1/webhooks", "createWebhook"),
            entry("GET /api/v1/webhooks/{id}", "getWebhook"),
            entry("PATCH /api/v1/webhooks/{id}", "updateWebhook"),
            entry("GET /api/v1/webhooks/{id}/deliveries", "listWebhookDeliveries"));

    /**
     * The operations called without a bearer token: the token endpoints, the keys that verify tokens, and the CI
     * systems' events (which prove themselves with a signature instead: {@link #SIGNED_OPERATIONS}).
     */
    private static final Set<String> PUBLIC_OPERATIONS =
            Set.of("issueToken", "getJwks", "getTrustedKeys", "getSigningKeyPem", "receiveCiEvent");

    /** Public operations that still refuse (401) a request without their own proof: a CI system's signature. */
    private static final Set<String> SIGNED_OPERATIONS = Set.of("receiveCiEvent");

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String PROBLEM_TYPE = "application/problem+json";

    private static String text;
    private static OpenAPI doc;
    private static JsonObject json;

    @BeforeAll
    static void fetch() throws IOException {
        Reply r = Api.get(Api.BASE_URL + "/openapi", "Accept", "application/json", Api.NO_AUTH, "");
        assertThat(r.status()).isEqualTo(200);
        text = r.body();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi.json"), text);
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, options);
        assertThat(parsed.getMessages()).as("swagger-parser's messages").isEmpty();
        doc = parsed.getOpenAPI();
        try (var reader = Json.createReader(new StringReader(text))) {
            json = reader.readObject();
        }
    }

    // ---------------------------------------------------------------- the document alone

    @Test
    void theDocumentResolvesFullyAndNamesItsServersAndLicence() {
        ParseOptions resolving = new ParseOptions();
        resolving.setResolve(true);
        resolving.setResolveFully(true);
        assertThat(new OpenAPIV3Parser().readContents(text, null, resolving).getMessages())
                .as("messages when every $ref is resolved")
                .isEmpty();
        assertThat(doc.getOpenapi()).startsWith("3.");
        assertThat(doc.getServers()).isNotEmpty();
        assertThat(doc.getServers())
                .as("a client takes the first server: it must be the one it asked")
                .anyMatch(s -> s.getUrl().equals(Api.BASE_URL));
        assertThat(doc.getServers())
                .allMatch(s -> !s.getUrl().endsWith("/") && !s.getUrl().contains("example.com"));
        assertThat(doc.getInfo().getTitle()).isNotBlank();
        assertThat(doc.getInfo().getVersion()).isNotBlank();
        assertThat(doc.getInfo().getDescription()).isNotBlank();
        assertThat(doc.getInfo().getLicense().getName()).isEqualTo("Apache-2.0");
        assertThat(doc.getInfo().getLicense().getUrl()).startsWith("https://");
    }

    @Test
    void everyOperationHasAPinnedUniqueIdASummaryAndDescribedTags() {
        Map<String, String> ids = new TreeMap<>();
        Set<String> usedTags = new TreeSet<>();
        Map<String, String> described = new TreeMap<>();
        for (Tag tag : doc.getTags()) {
            described.put(tag.getName(), tag.getDescription());
        }
        operations().forEach((key, op) -> {
            assertThat(op.getOperationId())
                    .as(key + " operationId")
                    .isNotBlank()
                    .matches("[a-z][A-Za-z0-9]*");
            assertThat(ids.put(op.getOperationId(), key))
                    .as(op.getOperationId() + " is used twice")
                    .isNull();
            assertThat(op.getSummary()).as(key + " summary").isNotBlank();
            assertThat(op.getTags()).as(key + " tags").isNotEmpty();
            for (String tag : op.getTags()) {
                assertThat(described.get(tag))
                        .as(key + ": tag " + tag + " is declared with a description")
                        .isNotBlank();
                usedTags.add(tag);
            }
        });
        Map<String, String> byOperation = new TreeMap<>();
        ids.forEach((id, key) -> byOperation.put(key, id));
        assertThat(byOperation).as("pinned operationIds").containsAllEntriesOf(OPERATION_IDS);
        assertThat(described.keySet())
                .as("declared tags that no operation uses")
                .isEqualTo(usedTags);
    }

    @Test
    void theBearerSchemeIsDeclaredAndAppliedAndOnlyTheTokenEndpointsArePublic() {
        Map<String, SecurityScheme> schemes = doc.getComponents().getSecuritySchemes();
        SecurityScheme bearer = schemes.get("bearerAuth");
        assertThat(bearer.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(bearer.getScheme()).isEqualTo("bearer");
        assertThat(bearer.getBearerFormat()).isEqualTo("JWT");
        assertThat(bearer.getDescription())
                .as("the API-key exchange is explained where clients look for it")
                .contains("/api/v1/auth/token", "issueToken", "apiKey");
        assertThat(doc.getSecurity()).containsExactly(new SecurityRequirement().addList("bearerAuth"));
        Set<String> publicOps = new TreeSet<>();
        operations().forEach((key, op) -> {
            List<SecurityRequirement> effective = op.getSecurity() != null ? op.getSecurity() : doc.getSecurity();
            assertThat(effective).as(key + " declares its security").isNotNull();
            for (SecurityRequirement requirement : effective) {
                assertThat(schemes).as(key).containsKeys(requirement.keySet().toArray(String[]::new));
            }
            if (effective.isEmpty() && key.contains(" /api/v1/")) {
                publicOps.add(op.getOperationId());
            }
        });
        assertThat(publicOps).isEqualTo(PUBLIC_OPERATIONS);
        JsonObject token =
                json.getJsonObject("paths").getJsonObject("/api/v1/auth/token").getJsonObject("post");
        assertThat(token.getJsonArray("security")).as("written as security: []").isEmpty();
    }

    @Test
    void everyOperationAnswers2xxAnd4xxAndEveryErrorOfTheRegistryApiIsAProblem() {
        Schema<?> problem = doc.getComponents().getSchemas().get("Problem");
        assertThat(problem.getRequired()).containsExactlyInAnyOrder("type", "title", "status");
        assertThat(problem.getProperties()).containsKeys("detail", "instance", "requestId", "errors");
        operations().forEach((key, op) -> {
            Set<String> codes = op.getResponses().keySet();
            assertThat(codes).as(key).anyMatch(c -> c.startsWith("2"));
            assertThat(codes).as(key).anyMatch(c -> c.startsWith("4"));
            if (!key.contains(" /api/v1/")) {
                return;
            }
            op.getResponses().forEach((code, answer) -> {
                ApiResponse resolved = resolve(answer);
                assertThat(resolved.getDescription()).as(key + " " + code).isNotBlank();
                if ((code.startsWith("4") || code.startsWith("5")) && !code.equals("416")) {
                    assertThat(resolved.getContent()).as(key + " " + code).containsOnlyKeys(PROBLEM_TYPE);
                    assertThat(resolved.getContent()
                                    .get(PROBLEM_TYPE)
                                    .getSchema()
                                    .get$ref())
                            .as(key + " " + code)
                            .isEqualTo(PROBLEM_REF);
                }
            });
            boolean secured = op.getSecurity() == null || !op.getSecurity().isEmpty();
            if (secured) {
                assertThat(codes).as(key).contains("401", "403", "429");
            }
            assertThat(codes).as(key).contains("400", "406", "5XX");
            if (key.contains("{")) {
                assertThat(codes).as(key).contains("404");
            }
            if (op.getRequestBody() != null) {
                assertThat(codes).as(key).contains("413");
            }
            if (parameters(key, op).stream().anyMatch(p -> "If-Match".equals(p.getName()))) {
                assertThat(codes).as(key).contains("412");
            }
        });
    }

    @Test
    void pathParametersAreDeclaredOnceAndPathsAreDistinct() {
        Set<String> shapes = new HashSet<>();
        for (String path : doc.getPaths().keySet()) {
            assertThat(path).as("no trailing slash").doesNotEndWith("/");
            assertThat(shapes.add(TEMPLATE.matcher(path).replaceAll("{}")))
                    .as(path + " is identical to another path")
                    .isTrue();
        }
        operations().forEach((key, op) -> {
            String path = key.substring(key.indexOf(' ') + 1);
            Set<String> template = new TreeSet<>();
            Matcher m = TEMPLATE.matcher(path);
            while (m.find()) {
                template.add(m.group(1));
            }
            Set<String> declared = new TreeSet<>();
            Set<String> seen = new HashSet<>();
            for (Parameter p : parameters(key, op)) {
                assertThat(seen.add(p.getIn() + ":" + p.getName()))
                        .as(key + " declares " + p.getName() + " twice")
                        .isTrue();
                if ("path".equals(p.getIn())) {
                    assertThat(p.getRequired()).as(key + " " + p.getName()).isTrue();
                    declared.add(p.getName());
                }
            }
            assertThat(declared).as(key + " path parameters").isEqualTo(template);
        });
    }

    @Test
    void everyReferenceResolvesAndEveryComponentIsUsed() {
        Set<String> refs = new TreeSet<>();
        collectRefs(json, refs);
        JsonObject components = json.getJsonObject("components");
        Set<String> defined = new TreeSet<>();
        components.forEach((kind, members) -> {
            if (!kind.equals("securitySchemes")) {
                members.asJsonObject().keySet().forEach(name -> defined.add("#/components/" + kind + "/" + name));
            }
        });
        assertThat(defined).as("components").containsAll(refs);
        assertThat(refs).as("every component is used").containsAll(defined);
    }

    // ---------------------------------------------------------------- the document against the server

    /**
     * The attack: an endpoint opened to anonymous callers (or closed to them) while the document says otherwise.
     * Every operation is called without a token: those the document secures must answer 401, the public ones not.
     */
    @Test
    void whatTheDocumentSaysAboutSecurityIsWhatTheServerDoes() {
        operations().forEach((key, op) -> {
            String method = key.substring(0, key.indexOf(' '));
            // a CI system the registry knows, so that what refuses the call is the missing signature
            String path = TEMPLATE.matcher(key.substring(key.indexOf(' ') + 1).replace("{system}", "github"))
                    .replaceAll(UUID.randomUUID().toString());
            Reply r = Api.send(
                    method,
                    Api.BASE_URL + path,
                    method.equals("GET") || method.equals("DELETE")
                            ? BodyPublishers.noBody()
                            : BodyPublishers.ofString("{}"),
                    "Content-Type",
                    "application/json",
                    Api.NO_AUTH,
                    "");
            boolean secured = op.getSecurity() == null || !op.getSecurity().isEmpty();
            if (secured) {
                assertThat(r.status()).as(key + " without a token").isEqualTo(401);
            } else if (SIGNED_OPERATIONS.contains(op.getOperationId())) {
                assertThat(r.status()).as(key + " without its signature").isEqualTo(401);
            } else {
                assertThat(r.status()).as(key + " is public").isNotEqualTo(401).isNotEqualTo(403);
            }
            assertThat(documented(op, r.status()))
                    .as(key + " answered " + r.status())
                    .isTrue();
        });
    }

    /**
     * A client that knows only the document: it finds operations by operationId, fills their paths, sends the
     * credentials their security scheme names, and reads answers by their schemas. A service account's API key is
     * exchanged for a token (the exchange the bearer scheme describes), which then creates and reads a model.
     */
    @Test
    void aClientThatKnowsOnlyTheDocumentExchangesAnApiKeyAndWorks() {
        DocumentClient client = new DocumentClient();
        Sent admin = client.call(
                "issueToken",
                Map.of(),
                "{\"username\":\"admin\",\"password\":\"" + System.getProperty("registry.it.admin.password") + "\"}",
                null);
        client.expect(admin, 200);
        assertThat(client.undeclaredMembers(admin)).isEmpty();

        Sent account = client.call(
                "createServiceAccount",
                Map.of(),
                "{\"name\":\"" + Api.unique("oas") + "\",\"organization\":\"default\",\"role\":\"CONTRIBUTOR\","
                        + "\"expiresInDays\":1}",
                admin.json().getString("access_token"));
        client.expect(account, 201);
        Sent exchanged = client.call(
                "issueToken", Map.of(), "{\"apiKey\":\"" + account.json().getString("apiKey") + "\"}", null);
        client.expect(exchanged, 200);
        String token = exchanged.json().getString("access_token");

        Sent created = client.call(
                "createModel",
                Map.of(),
                "{\"group\":\"" + Api.unique("oas") + "\",\"name\":\"" + Api.unique("m") + "\",\"riskTier\":\"LOW\"}",
                token);
        client.expect(created, 201);
        assertThat(client.undeclaredMembers(created)).isEmpty();
        Sent read = client.call("getModel", Map.of("id", created.json().getString("id")), null, token);
        client.expect(read, 200);
        assertThat(client.undeclaredMembers(read)).isEmpty();
        assertThat(read.json().getString("name")).isEqualTo(created.json().getString("name"));
        Sent list = client.call("listModels", Map.of(), null, token);
        client.expect(list, 200);
        assertThat(client.undeclaredMembers(list)).isEmpty();
    }

    /** Representative bad inputs: each answer is a status the document lists for the operation, as a problem. */
    @Test
    void badInputsGetOnlyDocumentedStatusesAsProblems() {
        DocumentClient client = new DocumentClient();
        String admin = Api.adminToken();
        String model = Api.createModel(Api.unique("oas"), "LOW").getString("id");
        String viewer = Api.member("VIEWER").substring("Bearer ".length());
        Map<String, String> id = Map.of("id", model);

        // Liberty's JWT layer answers these before the application runs: the document says the body may be empty
        client.expectUnauthorized(client.call("getModel", id, null, null));
        client.expectUnauthorized(client.call("getModel", id, null, "not.a.jwt"));
        client.expectProblem(
                client.call("getModel", Map.of("id", UUID.randomUUID().toString()), null, admin), 404);
        client.expectProblem(client.call("getModel", Map.of("id", "not-a-uuid"), null, admin), 404);
        client.expectProblem(client.send("getModel", id, null, admin, "Accept", "text/csv"), 406);
        client.expectProblem(client.call("createModel", Map.of(), "{\"group\":", admin), 400);
        client.expectProblem(client.call("createModel", Map.of(), "{}", admin), 422);
        client.expectProblem(client.send("createModel", Map.of(), "x", admin, "Content-Type", "text/plain"), 415);
        client.expectProblem(
                client.call("createModel", Map.of(), "{\"name\":\"" + "x".repeat(1_100_000) + "\"}", admin), 413);
        client.expectProblem(
                client.call("createModel", Map.of(), "{\"group\":\"oas\",\"name\":\"m\",\"riskTier\":\"LOW\"}", viewer),
                403);
        client.expectProblem(
                client.send("updateModel", id, "{\"description\":\"x\"}", admin, "If-Match", "\"999\""), 412);
        client.expectProblem(client.send("listModels", Map.of(), null, admin, "?limit", "abc"), 400);
        client.expectProblem(client.send("listModels", Map.of(), null, admin, "?limit", "100000"), 422);
        client.expectProblem(client.call("issueToken", Map.of(), "{\"apiKey\":\"mr_no-such-key\"}", null), 401);
        client.expectProblem(
                client.call("issueToken", Map.of(), "{\"username\":\"oas-nobody\",\"password\":\"wrong\"}", null), 401);
        client.expectProblem(
                client.call("deleteModel", Map.of("id", UUID.randomUUID().toString()), null, admin), 404);
    }

    // ---------------------------------------------------------------- helpers

    /** "METHOD /path" to operation, for every operation of the document. */
    private static Map<String, Operation> operations() {
        Map<String, Operation> all = new LinkedHashMap<>();
        doc.getPaths()
                .forEach((path, item) ->
                        item.readOperationsMap().forEach((method, op) -> all.put(method.name() + " " + path, op)));
        return all;
    }

    private static PathItem item(String key) {
        return doc.getPaths().get(key.substring(key.indexOf(' ') + 1));
    }

    private static List<Parameter> parameters(String key, Operation op) {
        List<Parameter> all = new ArrayList<>();
        if (item(key).getParameters() != null) {
            all.addAll(item(key).getParameters());
        }
        if (op.getParameters() != null) {
            all.addAll(op.getParameters());
        }
        return all;
    }

    private static ApiResponse resolve(ApiResponse answer) {
        if (answer.get$ref() == null) {
            return answer;
        }
        String name = answer.get$ref().substring("#/components/responses/".length());
        return doc.getComponents().getResponses().get(name);
    }

    /** A status is documented when the operation lists it, or its range (5XX). */
    private static boolean documented(Operation op, int status) {
        Set<String> codes = op.getResponses().keySet();
        return codes.contains(String.valueOf(status)) || codes.contains(status / 100 + "XX");
    }

    private static void collectRefs(JsonValue value, Set<String> refs) {
        if (value instanceof JsonObject object) {
            object.forEach((k, v) -> {
                if (k.equals("$ref") && v.getValueType() == JsonValue.ValueType.STRING) {
                    refs.add(((JsonString) v).getString());
                } else {
                    collectRefs(v, refs);
                }
            });
        } else if (value instanceof JsonArray array) {
            array.forEach(v -> collectRefs(v, refs));
        }
    }

    /** An answer and the operation it answers. */
    private record Sent(Operation op, Reply reply) {
        JsonObject json() {
            return reply.json();
        }
    }

    /** What a generated client does with the document: no path, method or scheme is written in the test. */
    private static final class DocumentClient {

        /** The answer has this status, and the document lists it for the operation. */
        void expect(Sent sent, int status) {
            assertThat(sent.reply().status())
                    .as(sent.op().getOperationId() + ": " + sent.reply().body())
                    .isEqualTo(status);
            assertThat(documented(sent.op(), status))
                    .as(sent.op().getOperationId() + " documents " + status)
                    .isTrue();
        }

        /** 401 with the challenge of the bearer scheme; a body, if any, is a problem. */
        void expectUnauthorized(Sent sent) {
            expect(sent, 401);
            assertThat(sent.reply().header("WWW-Authenticate")).startsWith("Bearer");
            if (!sent.reply().body().isEmpty()) {
                expectProblem(sent, 401);
            }
        }

        /** Also a problem document, as the Problem schema describes it. */
        void expectProblem(Sent sent, int status) {
            expect(sent, status);
            assertThat(sent.reply().contentType()).startsWith(PROBLEM_TYPE);
            JsonObject problem = sent.json();
            Set<String> required = new HashSet<>(
                    doc.getComponents().getSchemas().get("Problem").getRequired());
            assertThat(problem.keySet()).as(sent.reply().body()).containsAll(required);
            assertThat(problem.getInt("status")).isEqualTo(status);
        }

        /** Members of the JSON answer that the schema of its documented status does not declare. */
        Set<String> undeclaredMembers(Sent sent) {
            ApiResponse answer = resolve(
                    sent.op().getResponses().get(String.valueOf(sent.reply().status())));
            Schema<?> schema = answer.getContent().get("application/json").getSchema();
            if (schema.get$ref() != null) {
                schema = doc.getComponents()
                        .getSchemas()
                        .get(schema.get$ref().substring("#/components/schemas/".length()));
            }
            assertThat(schema.getProperties())
                    .as(sent.op().getOperationId() + " answer schema")
                    .isNotEmpty();
            Set<String> undeclared = new TreeSet<>(sent.json().keySet());
            undeclared.removeAll(schema.getProperties().keySet());
            return undeclared;
        }

        private String keyOf(String operationId) {
            return operations().entrySet().stream()
                    .filter(e -> operationId.equals(e.getValue().getOperationId()))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no operation " + operationId));
        }

        Sent call(String operationId, Map<String, String> pathParameters, String body, String token) {
            return send(operationId, pathParameters, body, token);
        }

        /** extra: header pairs, or "?name", value for a query parameter the operation declares. */
        Sent send(String operationId, Map<String, String> pathParameters, String body, String token, String... extra) {
            String key = keyOf(operationId);
            Operation op = operations().get(key);
            String method = key.substring(0, key.indexOf(' '));
            Matcher m = TEMPLATE.matcher(key.substring(key.indexOf(' ') + 1));
            StringBuilder path = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(
                        path,
                        Matcher.quoteReplacement(
                                URLEncoder.encode(pathParameters.get(m.group(1)), StandardCharsets.UTF_8)
                                        .replace("+", "%20")));
            }
            m.appendTail(path);
            StringBuilder query = new StringBuilder();
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < extra.length; i += 2) {
                if (extra[i].startsWith("?")) {
                    String name = extra[i].substring(1);
                    assertThat(parameters(key, op))
                            .as(operationId + " declares query parameter " + name)
                            .anyMatch(p -> "query".equals(p.getIn()) && name.equals(p.getName()));
                    query.append(query.length() == 0 ? "?" : "&")
                            .append(name)
                            .append('=')
                            .append(URLEncoder.encode(extra[i + 1], StandardCharsets.UTF_8));
                } else {
                    headers.put(extra[i], extra[i + 1]);
                }
            }
            String server = doc.getServers().stream()
                    .map(s -> s.getUrl())
                    .filter(u -> u.equals(Api.BASE_URL))
                    .findFirst()
                    .orElseThrow();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path + query))
                    .timeout(Duration.ofMinutes(1))
                    .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
            if (body != null && !headers.containsKey("Content-Type")) {
                String type = op.getRequestBody().getContent().keySet().stream()
                        .filter(t -> t.endsWith("json"))
                        .findFirst()
                        .orElseThrow();
                request.header("Content-Type", type);
            }
            headers.forEach(request::header);
            List<SecurityRequirement> security = op.getSecurity() != null ? op.getSecurity() : doc.getSecurity();
            if (token != null && !security.isEmpty()) {
                SecurityScheme scheme = doc.getComponents()
                        .getSecuritySchemes()
                        .get(security.get(0).keySet().iterator().next());
                assertThat(scheme.getType()).isEqualTo(SecurityScheme.Type.HTTP);
                assertThat(scheme.getScheme()).isEqualTo("bearer");
                request.header("Authorization", "Bearer " + token);
            }
            try {
                var r = Api.CLIENT.send(request.build(), BodyHandlers.ofString());
                return new Sent(op, new Reply(r.statusCode(), r.headers(), r.body()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
