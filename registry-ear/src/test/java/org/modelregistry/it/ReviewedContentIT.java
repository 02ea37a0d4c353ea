package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.patch;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest.BodyPublishers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * What was approved is what runs: each test is an attack by the people the rules constrain (an owner, a co-owner who
 * reviews, someone with the database), tried through the API as they would try it.
 */
class ReviewedContentIT extends RegistryDeployment {

    private static final String PASSWORD = "reviewed-password-1";

    /** A user of the default organization: their name and "Bearer <token>". */
    record Person(String name, String token) {}

    private static Person owner;
    private static Person deployer;
    private static Person[] reviewers;

    @BeforeAll
    static void people() {
        owner = person("CONTRIBUTOR");
        deployer = person("DEPLOYER");
        reviewers = new Person[] {person("REVIEWER"), person("REVIEWER"), person("REVIEWER")};
    }

    private static Person person(String... roles) {
        String name = unique("rc");
        StringBuilder memberships = new StringBuilder();
        for (String role : roles) {
            memberships
                    .append(memberships.length() == 0 ? "" : ",")
                    .append("{\"organization\":\"default\",\"role\":\"")
                    .append(role)
                    .append("\"}");
        }
        Reply created = post(
                "/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"," + "\"memberships\":[" + memberships
                        + "]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Person(
                name,
                "Bearer "
                        + post(
                                        "/auth/token",
                                        "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}",
                                        Api.NO_AUTH,
                                        "")
                                .json()
                                .getString("access_token"));
    }

    private static String model(String tier, Person... owners) {
        return model("trust", tier, owners);
    }

    private static String model(String group, String tier, Person... owners) {
        StringBuilder names = new StringBuilder();
        for (Person p : owners) {
            names.append(names.length() == 0 ? "" : ",")
                    .append('"')
                    .append(p.name())
                    .append('"');
        }
        Reply r = post(
                "/models",
                "{\"group\":\"" + group + "\",\"name\":\"" + unique("m")
                        + "\",\"riskTier\":\"" + tier
                        + "\",\"owners\":[" + names + "]}",
                "Authorization",
                owners[0].token());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getString("id");
    }

    private static Reply move(String path, String to, Person who) {
        return post(path + "/transitions", "{\"to\":\"" + to + "\"}", "Authorization", who.token());
    }

    private static Reply decide(String path, String decision, Person who) {
        return post(
                path + "/approvals",
                "{\"decision\":\"" + decision + "\",\"comment\":\"looked at it\"}",
                "Authorization",
                who.token());
    }

    private static Reply putAlias(String model, String alias, String version, Person who) {
        return Api.send(
                "PUT",
                "/models/" + model + "/aliases/" + alias,
                BodyPublishers.ofString("{\"version\":\"" + version + "\"}"),
                "Content-Type",
                "application/json",
                "Authorization",
                who.token());
    }

    /** A LOW risk model whose version 1.0.0 (with a commit and an artifact) is APPROVED and in production. */
    private static String approvedInProduction() {
        String model = model("LOW", owner);
        String path = "/models/" + model + "/versions/1.0.0";
        assertThat(post(
                                "/models/" + model + "/versions",
                                "{\"version\":\"1.0.0\",\"commitSha\":\"" + "a".repeat(40) + "\"}",
                                "Authorization",
                                owner.token())
                        .status())
                .isEqualTo(201);
        Reply artifact = post(
                path + "/artifacts",
                "{\"type\":\"MODEL_WEIGHTS\",\"name\":\"w.bin\",\"uri\":" + "\"s3://models/w.bin\",\"sha256\":\""
                        + "1".repeat(64) + "\",\"size\":10,\"license\":\"MIT\"}",
                "Authorization",
                owner.token());
        assertThat(artifact.status()).as(artifact.body()).isEqualTo(201);
        assertThat(move(path, "IN_REVIEW", owner).status()).isEqualTo(200);
        Reply approved = decide(path, "APPROVE", reviewers[0]);
        assertThat(approved.status()).as(approved.body()).isEqualTo(201);
        assertThat(approved.json().getString("versionState")).isEqualTo("APPROVED");
        Reply moved = putAlias(model, "production", "1.0.0", deployer);
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        return model;
    }

    @Test
    void anOwnerCannotReopenApprovedContentBehindProduction() {
        String model = approvedInProduction();
        String path = "/models/" + model + "/versions/1.0.0";
        JsonObject approved = get(path).json();
        assertThat(approved.getBoolean("contentFrozen")).isTrue();
        String digest = approved.getString("approvedDigest");
        assertThat(digest).matches("[0-9a-f]{64}");
        assertThat(get(path + "/approvals")
                        .jsonAny()
                        .asJsonArray()
                        .getJsonObject(0)
                        .getString("contentDigest"))
                .as("the approval names the content it approved")
                .isEqualTo(digest);

        // the attack: back to review, then to DRAFT, then change the commit or add an artifact
        Reply rereview = move(path, "IN_REVIEW", owner);
        assertThat(rereview.status()).as(rereview.body()).isEqualTo(200);
        assertThat(get("/models/" + model + "/aliases/production").status())
                .as("production no longer names a version that is not approved")
                .isEqualTo(404);
        assertThat(Api.count(
                        "SELECT count(*) FROM audit_event WHERE object_id = ?::uuid AND action = 'alias.cleared'",
                        model))
                .isEqualTo(1);

        Reply toDraft = move(path, "DRAFT", owner);
        assertThat(toDraft.status()).as(toDraft.body()).isEqualTo(409);
        assertThat(toDraft.contentType()).startsWith("application/problem+json");
        assertThat(toDraft.json().getString("detail")).contains("frozen");
        assertThat(patch(path, "{\"commitSha\":\"" + "b".repeat(40) + "\"}", "Authorization", owner.token())
                        .status())
                .isEqualTo(409);
        assertThat(post(
                                path + "/artifacts",
                                "{\"type\":\"OTHER\",\"name\":\"extra.bin\",\"uri\":\"s3://x/e\"}",
                                "Authorization",
                                owner.token())
                        .status())
                .isEqualTo(409);

        // changes requested in the re-review do not reopen it either
        assertThat(decide(path, "REQUEST_CHANGES", reviewers[1]).status()).isEqualTo(201);
        assertThat(move(path, "DRAFT", owner).status()).isEqualTo(409);
        assertThat(get(path).json().getString("commitSha")).isEqualTo("a".repeat(40));
        assertThat(get(path).json().getString("approvedDigest")).isEqualTo(digest);
    }

    @Test
    void theRiskTierCannotBeLoweredDuringAReview() {
        String model = model("CRITICAL", owner);
        String path = "/models/" + model + "/versions/1.0.0";
        Api.createVersion(model, "1.0.0");
        assertThat(move(path, "IN_REVIEW", owner).status()).isEqualTo(200);

        Reply lowered = patch("/models/" + model, "{\"riskTier\":\"LOW\"}", "Authorization", owner.token());
        assertThat(lowered.status()).as(lowered.body()).isEqualTo(409);
        assertThat(lowered.contentType()).startsWith("application/problem+json");
        assertThat(lowered.json().getString("detail")).contains("1.0.0");
        assertThat(lowered.body()).contains("\"riskTier\"");
        assertThat(get("/models/" + model).json().getString("riskTier")).isEqualTo("CRITICAL");

        Reply one = decide(path, "APPROVE", reviewers[0]);
        assertThat(one.status()).as(one.body()).isEqualTo(201);
        assertThat(one.json().getString("versionState"))
                .as("CRITICAL needs three approvals")
                .isEqualTo("IN_REVIEW");
        assertThat(get(path).json().getString("state")).isEqualTo("IN_REVIEW");

        // once the review ends (withdrawn), the model may change again
        assertThat(move(path, "DRAFT", owner).status()).isEqualTo(200);
        assertThat(patch("/models/" + model, "{\"riskTier\":\"HIGH\"}", "Authorization", owner.token())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aCoOwnerWhoReviewsCannotDropHimselfFromTheOwnersAndApprove() {
        Person coOwner = person("CONTRIBUTOR", "REVIEWER");
        String model = model("LOW", owner, coOwner);
        String path = "/models/" + model + "/versions/1.0.0";
        Api.createVersion(model, "1.0.0");
        assertThat(move(path, "IN_REVIEW", owner).status()).isEqualTo(200);

        Reply dropped =
                patch("/models/" + model, "{\"owners\":[\"" + owner.name() + "\"]}", "Authorization", coOwner.token());
        assertThat(dropped.status()).as(dropped.body()).isEqualTo(409);
        assertThat(dropped.body()).contains("\"owners\"");
        assertThat(decide(path, "APPROVE", coOwner).status()).isEqualTo(403);

        // even with the owners changed behind the registry's back, the review's snapshot still names him
        Api.update("DELETE FROM model_owner WHERE model_id = ?::uuid AND owner = ?", model, coOwner.name());
        Reply sneaky = decide(path, "APPROVE", coOwner);
        assertThat(sneaky.status()).as(sneaky.body()).isEqualTo(403);
        assertThat(sneaky.json().getString("detail")).contains("submission");
        assertThat(get(path).json().getString("state")).isEqualTo("IN_REVIEW");
    }

    @Test
    void contentChangedBehindTheRegistrysBackIsRefusedEverywhere() throws Exception {
        String model = approvedInProduction();
        String path = "/models/" + model + "/versions/1.0.0";
        // someone with the database swaps the approved weights' digest
        Api.update("UPDATE artifact SET sha256 = ? WHERE model_id = ?::uuid", "2".repeat(64), model);

        Reply alias = putAlias(model, "production", "1.0.0", deployer);
        assertThat(alias.status()).as(alias.body()).isEqualTo(409);
        assertThat(alias.json().getString("type")).endsWith("/content-changed");
        assertThat(putAlias(model, "champion", "1.0.0", owner).status())
                .as("any alias")
                .isEqualTo(409);

        Reply target = post(
                "/deployment-targets",
                "{\"organization\":\"default\",\"name\":\"" + unique("t")
                        + "\",\"environment\":\"production\",\"url\":\"https://203.0.113.10/deploy\",\"secret\":\""
                        + "s".repeat(32) + "\"}");
        assertThat(target.status()).as(target.body()).isEqualTo(201);
        Reply deploy = post(
                path + "/deployments",
                "{\"target\":\"" + target.json().getString("name") + "\"}",
                "Authorization",
                deployer.token());
        assertThat(deploy.status()).as(deploy.body()).isEqualTo(409);
        assertThat(deploy.json().getString("type")).endsWith("/content-changed");

        Reply evidence = get(path + "/evidence");
        assertThat(evidence.status()).as(evidence.body()).isEqualTo(409);
        assertThat(evidence.contentType()).startsWith("application/problem+json");

        Reply rereview = move(path, "IN_REVIEW", owner);
        assertThat(rereview.status())
                .as("a re-review of other content than was approved")
                .isEqualTo(409);
    }

    @Test
    void ownersArePrincipalsOfTheOrganizationNotFreeStrings() {
        String model = model("LOW", owner);
        // a name nobody has yet: whoever is later created under it must not inherit the model
        String future = unique("future");
        Reply named = patch(
                "/models/" + model,
                "{\"owners\":[\"" + owner.name() + "\",\"" + future + "\"]}",
                "Authorization",
                owner.token());
        assertThat(named.status()).as(named.body()).isEqualTo(422);
        assertThat(named.contentType()).startsWith("application/problem+json");
        assertThat(named.body()).contains("owners[1]");

        // a user of another organization is not a principal of this one either
        String otherOrg = unique("org");
        assertThat(post("/organizations", "{\"slug\":\"" + otherOrg + "\",\"displayName\":\"Other\"}")
                        .status())
                .isEqualTo(201);
        String outsider = unique("out");
        assertThat(post(
                                "/users",
                                "{\"username\":\"" + outsider + "\",\"password\":\"" + PASSWORD + "\","
                                        + "\"memberships\":[{\"organization\":\"" + otherOrg
                                        + "\",\"role\":\"CONTRIBUTOR\"}]}")
                        .status())
                .isEqualTo(201);
        assertThat(patch(
                                "/models/" + model,
                                "{\"owners\":[\"" + owner.name() + "\",\"" + outsider + "\"]}",
                                "Authorization",
                                owner.token())
                        .status())
                .isEqualTo(422);

        // a colleague is, stored by account id (and under the account's own spelling of the name)
        Person colleague = person("CONTRIBUTOR");
        Reply ok = patch(
                "/models/" + model,
                "{\"owners\":[\"" + owner.name() + "\",\"" + colleague.name().toUpperCase(Locale.ROOT) + "\"]}",
                "Authorization",
                owner.token());
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ModelApiIT.strings(ok.json(), "owners")).containsExactly(owner.name(), colleague.name());
        assertThat(Api.count(
                        "SELECT count(*) FROM model_owner o JOIN app_user u ON u.id = o.principal_id"
                                + " WHERE o.model_id = ?::uuid",
                        model))
                .isEqualTo(2);
    }

    @Test
    void theApplicationsOwnLoginCannotRewriteApprovalsSnapshotsOrAliasHistory() throws Exception {
        String model = approvedInProduction();
        try (Connection app = DriverManager.getConnection(System.getProperty("registry.it.db.app.url"));
                Statement s = app.createStatement()) {
            for (String attack : new String[] {
                "UPDATE approval SET reviewer = 'someone-else' WHERE model_id = '" + model + "'",
                "DELETE FROM approval WHERE model_id = '" + model + "'",
                "UPDATE review_snapshot SET risk_tier = 'LOW' WHERE model_id = '" + model + "'",
                "DELETE FROM review_snapshot WHERE model_id = '" + model + "'",
                "DELETE FROM model_alias_history WHERE model_id = '" + model + "'",
                "UPDATE policy_evaluation SET result = 'PASS' WHERE model_id = '" + model + "'"
            }) {
                assertThatThrownBy(() -> s.executeUpdate(attack))
                        .as(attack)
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            }
        }
        assertThat(get("/models/" + model + "/aliases/production").json().getString("version"))
                .isEqualTo("1.0.0");
    }

    @Test
    void aPolicyWeakenedDuringAReviewStillJudgesThatReview() {
        String group = unique("pinned");
        // a blocking policy of the organization for this group: nothing it judges is approved
        Reply policy = post(
                "/policies",
                "{\"name\":\"" + unique("hold") + "\",\"organization\":\"default\","
                        + "\"groups\":[\"" + group + "\"],\"transitions\":[\"APPROVED\"],\"expression\":\"false\","
                        + "\"message\":\"held for the test\"}");
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        String name = policy.json().getString("name");
        String model = model(group, "LOW", owner);
        String path = "/models/" + model + "/versions/1.0.0";
        Api.createVersion(model, "1.0.0");
        assertThat(move(path, "IN_REVIEW", owner).status()).isEqualTo(200);

        // the policy's administrator disables it in the middle of the review
        assertThat(Api.delete("/policies/" + policy.json().getString("id")).status())
                .isEqualTo(204);
        Reply approved = decide(path, "APPROVE", reviewers[0]);
        assertThat(approved.status()).as(approved.body()).isEqualTo(201);
        assertThat(approved.json().getString("versionState"))
                .as("judged by the policy as submitted")
                .isEqualTo("IN_REVIEW");
        assertThat(approved.json().getJsonArray("heldBy").getString(0)).isEqualTo(name);

        // a new submission is judged by the policies in force then
        assertThat(move(path, "DRAFT", owner).status()).isEqualTo(200);
        assertThat(move(path, "IN_REVIEW", owner).status()).isEqualTo(200);
        Reply again = decide(path, "APPROVE", reviewers[0]);
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().getString("versionState")).isEqualTo("APPROVED");
    }
}
