package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.patch;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/** CEL policies gate transitions: shipped defaults, administrators' own rules, dry runs and stored verdicts. */
class PolicyIT extends RegistryDeployment {

    private static String owner;
    private static String r1;

    @BeforeAll
    static void people() {
        owner = Api.member("CONTRIBUTOR");
        r1 = Api.member("REVIEWER");
    }

    private static String draft(String group, String tier) {
        Reply m = post(
                "/models",
                "{\"group\":\"" + group + "\",\"name\":\"" + unique("m") + "\",\"riskTier\":\"" + tier + "\"}",
                "Authorization",
                owner);
        assertThat(m.status()).as(m.body()).isEqualTo(201);
        String id = m.json().getString("id");
        assertThat(post(
                                "/models/" + id + "/versions",
                                "{\"version\":\"1.0.0\",\"metadata\":{\"framework\":\"torch\"}}",
                                "Authorization",
                                owner)
                        .status())
                .isEqualTo(201);
        return "/models/" + id + "/versions/1.0.0";
    }

    private static void artifact(String path, String type, String license) {
        Reply a = post(
                path + "/artifacts",
                "{\"type\":\"" + type + "\",\"name\":\"" + unique("a") + "\","
                        + "\"uri\":\"https://store.example/x\",\"sha256\":\"" + "cd".repeat(32) + "\""
                        + (license == null ? "" : ",\"license\":\"" + license + "\"") + "}",
                "Authorization",
                owner);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
    }

    private static Reply move(String path, String to) {
        return post(path + "/transitions", "{\"to\":\"" + to + "\"}", "Authorization", owner);
    }

    private static JsonArray evaluations(String path) {
        Reply r = get(path + "/policy-evaluations");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.jsonAny().asJsonArray();
    }

    @Test
    void theLicenceAllowListBlocksSubmissionAndTheAttemptIsKept() {
        String path = draft(unique("licences"), "LOW");
        artifact(path, "CODE", "GPL-3.0-only");
        Reply blocked = move(path, "IN_REVIEW");
        assertThat(blocked.status()).as(blocked.body()).isEqualTo(422);
        assertThat(blocked.json().getString("type")).endsWith("/policy-violation");
        JsonObject violation = blocked.json().getJsonArray("violations").getJsonObject(0);
        assertThat(violation.getString("policy")).isEqualTo("licence-allow-list");
        assertThat(violation.getString("message")).contains("allow-list");
        assertThat(blocked.json().getString("inputDigest")).hasSize(64);
        assertThat(get(path).json().getString("state")).as("nothing moved").isEqualTo("DRAFT");

        // the attempt rolled back, its verdicts and a DENIED audit record did not
        JsonArray stored = evaluations(path);
        assertThat(stored).isNotEmpty();
        JsonObject verdict = stored.stream()
                .map(JsonValue::asJsonObject)
                .filter(e -> e.getString("policy").equals("licence-allow-list"))
                .findFirst()
                .orElseThrow();
        assertThat(verdict.getString("result")).isEqualTo("FAIL");
        assertThat(verdict.getBoolean("allowed")).isFalse();
        assertThat(verdict.getInt("policyVersion")).isEqualTo(1);
        assertThat(verdict.getString("inputDigest")).isEqualTo(blocked.json().getString("inputDigest"));
        String versionId = get(path).json().getString("id");
        JsonObject denied = get("/audit?objectId=" + versionId + "&action=version.transition.blocked")
                .json()
                .getJsonArray("items")
                .getJsonObject(0);
        assertThat(denied.getString("outcome")).isEqualTo("DENIED");
        assertThat(denied.getJsonObject("details").getJsonArray("failing").getString(0))
                .isEqualTo("licence-allow-list");
        assertThat(Api.count(
                        "SELECT count(*) FROM audit_event WHERE object_id = ?::uuid AND action ="
                                + " 'request.refused'",
                        versionId))
                .as("recorded once, not twice")
                .isZero();

        // another artifact with a licence on the list does not make up for the first
        Reply mit = post(
                path + "/artifacts", "{\"type\":\"CODE\",\"name\":\"b\",\"license\":\"MIT\"}", "Authorization", owner);
        assertThat(mit.status()).isEqualTo(201);
        assertThat(move(path, "IN_REVIEW").status())
                .as("the GPL artifact is still there")
                .isEqualTo(422);
    }

    @Test
    void approvalsSufficeButAPolicyHoldsTheVersionUntilTheRuleAllowsIt() {
        String group = unique("accuracy");
        Reply created = post(
                "/policies",
                "{\"name\":\"" + unique("min-accuracy") + "\",\"groups\":[\"" + group
                        + "\"],\"transitions\":[\"APPROVED\"],\"expression\":\"version.metadata.accuracy >= 0.9\","
                        + "\"message\":\"accuracy must be at least 0.9\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String policy = "/policies/" + created.json().getString("id");
        String path = draft(group, "LOW");
        assertThat(move(path, "IN_REVIEW").status()).isEqualTo(200);

        Reply approval = post(path + "/approvals", "{\"decision\":\"APPROVE\"}", "Authorization", r1);
        assertThat(approval.status()).as(approval.body()).isEqualTo(201);
        assertThat(approval.json().getString("versionState")).isEqualTo("IN_REVIEW");
        assertThat(approval.json().getJsonArray("heldBy").getString(0)).startsWith("min-accuracy");

        Reply again = move(path, "APPROVED");
        assertThat(again.status()).as(again.body()).isEqualTo(422);
        assertThat(again.json().getJsonArray("violations").getJsonObject(0).getString("result"))
                .as("no accuracy in the metadata: an evaluation error, which blocks")
                .isEqualTo("ERROR");

        // the administrator fixes the rule (version 2); the owner asks again and the version moves on
        Reply fixed = patch(
                policy,
                "{\"expression\":\"!has(version.metadata.accuracy) ||" + " version.metadata.accuracy >= 0.9\"}",
                "If-Match",
                created.header("ETag"));
        assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
        assertThat(fixed.json().getInt("version")).isEqualTo(2);
        assertThat(patch(policy, "{\"severity\":\"ADVISORY\"}", "If-Match", created.header("ETag"))
                        .status())
                .as("stale If-Match")
                .isEqualTo(412);
        // the review was submitted under version 1: it still judges this round (a rule changed during a review does
        // not change that review), so the owner submits again and the new round is judged by version 2
        Reply stillHeld = move(path, "APPROVED");
        assertThat(stillHeld.status()).as(stillHeld.body()).isEqualTo(422);
        assertThat(stillHeld.body()).contains("in force when the version was submitted");
        assertThat(move(path, "DRAFT").status()).isEqualTo(200);
        assertThat(move(path, "IN_REVIEW").status()).isEqualTo(200);
        Reply approved = post(path + "/approvals", "{\"decision\":\"APPROVE\"}", "Authorization", r1);
        assertThat(approved.status()).as(approved.body()).isEqualTo(201);
        assertThat(approved.json().getString("versionState")).isEqualTo("APPROVED");

        List<JsonObject> mine = evaluations(path).stream()
                .map(JsonValue::asJsonObject)
                .filter(e -> e.getString("policyId").equals(created.json().getString("id")))
                .toList();
        assertThat(mine)
                .extracting(
                        e -> e.getInt("policyVersion") + ":" + e.getString("result") + ":" + e.getBoolean("allowed"))
                .containsExactly("1:ERROR:false", "1:ERROR:false", "2:PASS:false", "1:ERROR:false", "2:PASS:true");
        JsonArray versions = get(policy + "/versions").jsonAny().asJsonArray();
        assertThat(versions).hasSize(2);
        assertThat(versions.getJsonObject(1).getString("expression")).isEqualTo("version.metadata.accuracy >= 0.9");
        assertThat(get("/audit?objectId=" + created.json().getString("id") + "&action=policy.update")
                        .json()
                        .getJsonArray("items")
                        .getJsonObject(0)
                        .getJsonObject("details")
                        .getJsonObject("before")
                        .getString("expression"))
                .isEqualTo("version.metadata.accuracy >= 0.9");

        assertThat(Api.delete(policy).status()).isEqualTo(204);
        assertThat(get(policy).json().getBoolean("enabled")).isFalse();
    }

    @Test
    void aDryRunReportsEveryVerdictAndStoresNothing() {
        String path = draft(unique("dry-run"), "HIGH");
        artifact(path, "MODEL_WEIGHTS", "Apache-2.0");
        Reply check = post(path + "/policy-check", "{\"to\":\"DEPLOYED\",\"environment\":\"production\"}");
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(check.json().getBoolean("allowed")).isFalse();
        List<String> verdicts = check.json().getJsonArray("results").stream()
                .map(JsonValue::asJsonObject)
                .map(r -> r.getString("policy") + "=" + r.getString("result"))
                .toList();
        assertThat(verdicts)
                .contains("model-card-for-high-risk=FAIL", "evaluation-before-deployment=FAIL")
                .anyMatch(v -> v.startsWith("production-change-window="));
        Reply approve = post(path + "/policy-check", "{\"to\":\"IN_REVIEW\"}");
        assertThat(approve.json().getBoolean("allowed")).isTrue();
        assertThat(evaluations(path)).as("a dry run stores nothing").isEmpty();
        assertThat(post(path + "/policy-check", "{\"to\":\"REJECTED\"}").status())
                .isEqualTo(422);
        assertThat(post(path + "/policy-check", "{\"to\":\"IN_REVIEW\",\"environment\":\"Prod Env\"}")
                        .status())
                .isEqualTo(422);
    }

    @Test
    void policiesAreValidatedAndManagedByAdministratorsOnly() {
        Reply bad = post(
                "/policies",
                "{\"name\":\"" + unique("bad") + "\",\"transitions\":[\"APPROVED\"],"
                        + "\"expression\":\"artifacts.all(a,\\n  a.type == 'X'\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().getString("type")).endsWith("/invalid-expression");
        assertThat(bad.json().getInt("line")).isEqualTo(2);
        assertThat(bad.json().getInt("column")).isPositive();
        assertThat(bad.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("expression");

        Reply undeclared = post(
                "/policies",
                "{\"name\":\"" + unique("bad") + "\",\"transitions\":[\"APPROVED\"],"
                        + "\"expression\":\"modle.riskTier == 'HIGH'\"}");
        assertThat(undeclared.status()).isEqualTo(422);
        assertThat(undeclared.json().getString("detail")).contains("modle");
        assertThat(post(
                                "/policies",
                                "{\"name\":\"" + unique("bad") + "\",\"transitions\":[\"APPROVED\"],"
                                        + "\"expression\":\"size(artifacts)\"}")
                        .status())
                .as("not a bool")
                .isEqualTo(422);
        Reply fields = post(
                "/policies",
                "{\"name\":\"Not A Label\",\"transitions\":[\"REJECTED\", \"NOWHERE\"],"
                        + "\"riskTiers\":[\"HUGE\"],\"expression\":\"true\",\"severity\":\"LOUD\"}");
        assertThat(fields.status()).isEqualTo(422);
        assertThat(fields.json().getJsonArray("errors").stream()
                        .map(e -> e.asJsonObject().getString("field")))
                .contains("severity");

        assertThat(post(
                                "/policies",
                                "{\"name\":\"licence-allow-list\",\"transitions\":[\"APPROVED\"],"
                                        + "\"expression\":\"true\"}")
                        .status())
                .as("taken")
                .isEqualTo(409);
        assertThat(post(
                                "/policies",
                                "{\"name\":\"" + unique("mine") + "\",\"transitions\":[\"APPROVED\"],"
                                        + "\"expression\":\"true\"}",
                                "Authorization",
                                owner)
                        .status())
                .isEqualTo(403);

        JsonArray all = get("/policies", "Authorization", owner).jsonAny().asJsonArray();
        assertThat(all.stream().map(p -> p.asJsonObject().getString("name")))
                .contains(
                        "licence-allow-list",
                        "model-card-for-high-risk",
                        "evaluation-before-deployment",
                        "weights-have-digest",
                        "production-change-window");
    }

    @Test
    void theShippedEvaluationPolicySaysEvaluationsRunHereAndKeepsItsRule() {
        JsonObject policy = get("/policies", "Authorization", owner).jsonAny().asJsonArray().stream()
                .map(JsonValue::asJsonObject)
                .filter(p -> p.getString("name").equals("evaluation-before-approval"))
                .findFirst()
                .orElseThrow();
        // V22 corrected the seeded description; the rule itself is untouched, so it is still version 1 of one revision
        assertThat(policy.getString("description"))
                .doesNotContain("until evaluations run")
                .contains("evaluation-before-deployment blocks");
        assertThat(policy.getString("severity")).isEqualTo("ADVISORY");
        assertThat(policy.getInt("version")).isEqualTo(1);
        assertThat(policy.getString("updatedBy")).isEqualTo("system");
        Reply revisions = get("/policies/" + policy.getString("id") + "/versions", "Authorization", owner);
        assertThat(revisions.status()).as(revisions.body()).isEqualTo(200);
        assertThat(revisions.jsonAny().asJsonArray()).hasSize(1);
    }
}
