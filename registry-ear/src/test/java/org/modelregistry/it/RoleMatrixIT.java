package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Role x endpoint: for every operation of the OpenAPI document, which callers may call it. The rule table must name
 * every operation, so an endpoint added without a rule fails here. "Allowed" means anything but 401/403 (made-up ids
 * and empty bodies give 404 or 4xx validation answers); "refused" means 403.
 */
class RoleMatrixIT extends RegistryDeployment {

    private static final String READ = "viewer,contributor,admin";
    private static final String WRITE = "contributor,admin";
    private static final String ADMIN = "admin";
    /** Only REVIEWERs decide, and none of the callers here is one (LifecycleIT covers reviewers). */
    private static final String NOBODY_HERE = "";

    private static final Map<String, String> RULES = new LinkedHashMap<>();

    static {
        for (String p : List.of(
                "/api/v1/models",
                "/api/v1/models/{id}",
                "/api/v1/models/{modelId}/versions",
                "/api/v1/models/{modelId}/versions/{version}",
                "/api/v1/models/{modelId}/versions/{version}/artifacts",
                "/api/v1/models/{modelId}/versions/{version}/artifacts/{artifactId}",
                "/api/v1/models/{modelId}/versions/{version}/artifacts/{artifactId}/content")) {
            RULES.put("GET " + p, READ);
        }
        RULES.put("POST /api/v1/models", WRITE);
        RULES.put("PATCH /api/v1/models/{id}", WRITE);
        RULES.put("DELETE /api/v1/models/{id}", WRITE);
        RULES.put("POST /api/v1/models/{modelId}/versions", WRITE);
        RULES.put("PATCH /api/v1/models/{modelId}/versions/{version}", WRITE);
        RULES.put("POST /api/v1/models/{modelId}/versions/{version}/artifacts", WRITE);
        RULES.put("PUT /api/v1/models/{modelId}/versions/{version}/artifacts/{artifactId}/content", WRITE);
        RULES.put("POST /api/v1/models/{modelId}/versions/{version}/transitions", WRITE);
        RULES.put("GET /api/v1/models/{modelId}/versions/{version}/approvals", READ);
        RULES.put("POST /api/v1/models/{modelId}/versions/{version}/approvals", NOBODY_HERE);
        RULES.put("GET /api/v1/models/{id}/aliases", READ);
        RULES.put("GET /api/v1/models/{id}/aliases/{alias}", READ);
        RULES.put("PUT /api/v1/models/{id}/aliases/{alias}", WRITE);
        RULES.put("DELETE /api/v1/models/{id}/aliases/{alias}", WRITE);
        RULES.put("POST /api/v1/models/{modelId}/versions/{version}/policy-check", READ);
        RULES.put("GET /api/v1/models/{modelId}/versions/{version}/policy-evaluations", READ);
        RULES.put("GET /api/v1/models/{modelId}/versions/{version}/recommendations", READ);
        RULES.put("GET /api/v1/policies", READ);
        RULES.put("POST /api/v1/policies", ADMIN);
        RULES.put("GET /api/v1/policies/{id}", READ);
        RULES.put("PATCH /api/v1/policies/{id}", ADMIN);
        RULES.put("DELETE /api/v1/policies/{id}", ADMIN);
        RULES.put("GET /api/v1/policies/{id}/versions", READ);
        RULES.put("GET /api/v1/audit/checkpoints", ADMIN);
        RULES.put("GET /api/v1/system/readiness", ADMIN);
        RULES.put("POST /api/v1/audit/checkpoints", ADMIN);
        RULES.put("GET /api/v1/audit/verify", ADMIN);
        RULES.put("GET /api/v1/audit/archives", ADMIN);
        RULES.put("POST /api/v1/audit/archives", ADMIN);
        RULES.put("DELETE /api/v1/audit/partitions/{month}", ADMIN);
        RULES.put("GET /api/v1/audit", ADMIN);
        RULES.put("GET /api/v1/audit/search", ADMIN);
        RULES.put("GET /api/v1/models/{modelId}/versions/{version}/evidence", ADMIN);
        RULES.put("GET /api/v1/system/ping", READ);
        RULES.put("GET /api/v1/search", READ);
        RULES.put("GET /api/v1/evaluation-suites", READ);
        RULES.put("POST /api/v1/evaluation-suites", ADMIN);
        RULES.put("GET /api/v1/evaluation-suites/{id}", READ);
        RULES.put("POST /api/v1/models/{modelId}/versions/{version}/evaluations", WRITE);
        RULES.put("GET /api/v1/models/{modelId}/versions/{version}/evaluations", READ);
        RULES.put("GET /api/v1/models/{modelId}/versions/{version}/evaluations/{runId}", READ);
        RULES.put("GET /api/v1/models/{id}/similar", READ);
        RULES.put("POST /api/v1/admin/reindex", ADMIN);
        RULES.put("GET /api/v1/admin/reindex", ADMIN);
        RULES.put("GET /api/v1/admin/cluster", ADMIN);
        RULES.put("GET /api/v1/organizations", READ);
        RULES.put("POST /api/v1/organizations", ADMIN);
        RULES.put("GET /api/v1/organizations/{slug}/storage", READ);
        RULES.put("PUT /api/v1/organizations/{slug}/storage", ADMIN);
        RULES.put("GET /api/v1/users", ADMIN);
        RULES.put("POST /api/v1/users", ADMIN);
        RULES.put("GET /api/v1/users/{id}", ADMIN);
        RULES.put("PATCH /api/v1/users/{id}", ADMIN);
        RULES.put("GET /api/v1/service-accounts", ADMIN);
        RULES.put("POST /api/v1/service-accounts", ADMIN);
        RULES.put("DELETE /api/v1/service-accounts/{id}", ADMIN);
        RULES.put("POST /api/v1/benchmark/seed", ADMIN);
        RULES.put("POST /api/v1/benchmark/cache", ADMIN);
        // deployments: DEPLOYERs (none here; DeploymentIT covers them) and administrators
        RULES.put("GET /api/v1/deployment-targets", READ);
        RULES.put("POST /api/v1/deployment-targets", ADMIN);
        RULES.put("GET /api/v1/deployment-targets/{id}", READ);
        RULES.put("PATCH /api/v1/deployment-targets/{id}", ADMIN);
        RULES.put("POST /api/v1/models/{modelId}/versions/{version}/deployments", ADMIN);
        RULES.put("GET /api/v1/models/{modelId}/versions/{version}/deployments", READ);
        RULES.put("GET /api/v1/deployments/{id}", READ);
        RULES.put("POST /api/v1/deployments/{id}/status", ADMIN);
        RULES.put("POST /api/v1/deployments/{id}/rollback", ADMIN);
        RULES.put("GET /api/v1/webhooks", ADMIN);
        RULES.put("POST /api/v1/webhooks", ADMIN);
        RULES.put("GET /api/v1/webhooks/{id}", ADMIN);
        RULES.put("PATCH /api/v1/webhooks/{id}", ADMIN);
        RULES.put("GET /api/v1/webhooks/{id}/deliveries", ADMIN);
    }

    private static final Map<String, String> TOKENS = new LinkedHashMap<>();

    @BeforeAll
    static void callers() {
        TOKENS.put("admin", "Bearer " + Api.adminToken());
        for (String role : List.of("VIEWER", "CONTRIBUTOR")) {
            String name = Api.unique(role.toLowerCase());
            Reply r = Api.post(
                    "/users",
                    "{\"username\":\"" + name + "\",\"password\":\"matrix-password-1\","
                            + "\"memberships\":[{\"organization\":\"default\",\"role\":\"" + role + "\"}]}");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            Reply token = Api.post(
                    "/auth/token",
                    "{\"username\":\"" + name + "\",\"password\":\"matrix-password-1\"}",
                    Api.NO_AUTH,
                    "");
            TOKENS.put(role.toLowerCase(), "Bearer " + token.json().getString("access_token"));
        }
    }

    @Test
    void everyOperationHasARuleAndEveryRuleHolds() {
        JsonObject paths = Api.get(Api.BASE_URL + "/openapi", "Accept", "application/json")
                .json()
                .getJsonObject("paths");
        Set<String> operations = new TreeSet<>();
        for (String path : paths.keySet()) {
            // CI events carry no token, whatever the role: the target's event secret proves them (CiEventsIT)
            if (!path.startsWith("/api/v1/")
                    || path.startsWith("/api/v1/auth/")
                    || path.startsWith("/api/v1/ci-events/")) {
                continue;
            }
            for (String method : paths.getJsonObject(path).keySet()) {
                if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    operations.add(method.toUpperCase() + " " + path);
                }
            }
        }
        assertThat(operations)
                .as("operations of the API without a rule in RoleMatrixIT (or rules without an" + " operation)")
                .isEqualTo(new TreeSet<>(RULES.keySet()));

        for (var rule : RULES.entrySet()) {
            String method = rule.getKey().substring(0, rule.getKey().indexOf(' '));
            String path = rule.getKey()
                    .substring(method.length() + 1)
                    .replace("{version}", "1.0.0")
                    .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            Set<String> allowed = Set.of(rule.getValue().split(","));
            for (var caller : TOKENS.entrySet()) {
                Reply r = Api.send(
                        method,
                        Api.BASE_URL + path,
                        BodyPublishers.ofString("{}"),
                        Api.NO_AUTH,
                        "",
                        "Authorization",
                        caller.getValue(),
                        "Content-Type",
                        "application/json");
                String what = caller.getKey() + " " + rule.getKey() + " -> " + r.status();
                if (allowed.contains(caller.getKey())) {
                    assertThat(r.status()).as(what).isNotIn(401, 403).isLessThan(500);
                } else {
                    assertThat(r.status()).as(what).isEqualTo(403);
                }
            }
        }
    }
}
