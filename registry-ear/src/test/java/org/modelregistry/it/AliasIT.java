package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/** Aliases with history: where an alias pointed at any moment, who moved it, on which approval. */
class AliasIT extends RegistryDeployment {

    private static String owner;
    private static String reviewer;
    private static String deployer;

    @BeforeAll
    static void people() {
        owner = user("CONTRIBUTOR");
        reviewer = user("REVIEWER");
        deployer = user("DEPLOYER");
    }

    private static String user(String role) {
        String name = unique("a");
        assertThat(post(
                                "/users",
                                "{\"username\":\"" + name + "\",\"password\":\"alias-password-1\","
                                        + "\"memberships\":[{\"organization\":\"default\",\"role\":\"" + role + "\"}]}")
                        .status())
                .isEqualTo(201);
        return "Bearer "
                + post(
                                "/auth/token",
                                "{\"username\":\"" + name + "\",\"password\":\"alias-password-1\"}",
                                Api.NO_AUTH,
                                "")
                        .json()
                        .getString("access_token");
    }

    private static Reply put(String path, String version, String who) {
        return Api.send(
                "PUT",
                path,
                BodyPublishers.ofString("{\"version\":\"" + version + "\"}"),
                "Content-Type",
                "application/json",
                "Authorization",
                who);
    }

    @Test
    void anAliasRemembersWhereItPointedAndWhoMovedIt() throws Exception {
        String model = post(
                        "/models",
                        "{\"group\":\"alias\",\"name\":\"" + unique("m") + "\",\"riskTier\":\"LOW\"}",
                        "Authorization",
                        owner)
                .json()
                .getString("id");
        for (String v : new String[] {"1.0.0", "2.0.0"}) {
            assertThat(post("/models/" + model + "/versions", "{\"version\":\"" + v + "\"}", "Authorization", owner)
                            .status())
                    .isEqualTo(201);
        }
        String champion = "/models/" + model + "/aliases/champion";
        Reply first = put(champion, "1.0.0", owner);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String firstMove = first.json().getString("movedAt");
        Thread.sleep(20);
        assertThat(put(champion, "2.0.0", owner).json().getString("version")).isEqualTo("2.0.0");

        Reply now = get(champion);
        assertThat(now.status()).as(now.body()).isEqualTo(200);
        assertThat(now.json().getString("version")).isEqualTo("2.0.0");
        Reply then = get(champion + "?at=" + URLEncoder.encode(firstMove, StandardCharsets.UTF_8));
        assertThat(then.status()).isEqualTo(200);
        assertThat(then.json().getString("version")).isEqualTo("1.0.0");
        assertThat(then.json().getString("movedBy")).startsWith("a-");
        assertThat(get(champion + "?at=2000-01-01T00:00:00Z").status())
                .as("before any move")
                .isEqualTo(404);
        assertThat(get(champion + "?at=yesterday").status()).isEqualTo(400);
        assertThat(get("/models/" + model + "/aliases").jsonAny().asJsonArray()).hasSize(1);

        assertThat(Api.delete(champion, "Authorization", owner).status()).isEqualTo(204);
        assertThat(get(champion).status()).isEqualTo(404);
        assertThat(get(champion + "?at=" + URLEncoder.encode(firstMove, StandardCharsets.UTF_8))
                        .json()
                        .getString("version"))
                .as("history survives removal")
                .isEqualTo("1.0.0");

        assertThat(put("/models/" + model + "/aliases/Not_A_Label", "1.0.0", owner)
                        .status())
                .isEqualTo(422);
        assertThat(put(champion, "9.9.9", owner).status()).isEqualTo(422);
        assertThat(put(champion, "1.0.0", deployer).status())
                .as("ordinary aliases are the owners'")
                .isEqualTo(403);
    }

    @Test
    void productionOnlyNamesApprovedVersionsAndOnlyDeployersMoveIt() {
        String model = post(
                        "/models",
                        "{\"group\":\"alias\",\"name\":\"" + unique("p") + "\",\"riskTier\":\"LOW\"}",
                        "Authorization",
                        owner)
                .json()
                .getString("id");
        String version = "/models/" + model + "/versions/1.0.0";
        post("/models/" + model + "/versions", "{\"version\":\"1.0.0\"}", "Authorization", owner);
        String production = "/models/" + model + "/aliases/production";

        assertThat(put(production, "1.0.0", owner).status())
                .as("an owner is not a deployer")
                .isEqualTo(403);
        Reply notApproved = put(production, "1.0.0", deployer);
        assertThat(notApproved.status()).isEqualTo(409);

        post(version + "/transitions", "{\"to\":\"IN_REVIEW\"}", "Authorization", owner);
        assertThat(post(version + "/approvals", "{\"decision\":\"APPROVE\"}", "Authorization", reviewer)
                        .status())
                .isEqualTo(201);
        Reply moved = put(production, "1.0.0", deployer);
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().getString("approvedBy")).startsWith("a-");
        assertThat(moved.json().containsKey("approvalId")).isTrue();
    }

    @Test
    void anExpiredApprovalKeepsAVersionOutOfProductionUntilItIsReviewedAgain() {
        String model = post(
                        "/models",
                        "{\"group\":\"alias\",\"name\":\"" + unique("e") + "\",\"riskTier\":\"LOW\"}",
                        "Authorization",
                        owner)
                .json()
                .getString("id");
        String version = "/models/" + model + "/versions/1.0.0";
        post("/models/" + model + "/versions", "{\"version\":\"1.0.0\"}", "Authorization", owner);
        post(version + "/transitions", "{\"to\":\"IN_REVIEW\"}", "Authorization", owner);
        post(version + "/approvals", "{\"decision\":\"APPROVE\"}", "Authorization", reviewer);
        // the validity period passes (set back in time, as the database owner)
        Api.update("UPDATE approval SET expires_at = now() - interval '1 day' WHERE model_id = ?::uuid", model);

        String production = "/models/" + model + "/aliases/production";
        Reply expired = put(production, "1.0.0", deployer);
        assertThat(expired.status()).as(expired.body()).isEqualTo(409);
        assertThat(expired.json().getString("type")).endsWith("/approval-expired");
        assertThat(put("/models/" + model + "/aliases/champion", "1.0.0", owner).status())
                .as("unprotected aliases do not care")
                .isEqualTo(200);

        Reply again = post(
                version + "/transitions",
                "{\"to\":\"IN_REVIEW\",\"comment\":\"revalidation\"}",
                "Authorization",
                owner);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().getString("state")).isEqualTo("IN_REVIEW");
        assertThat(post(version + "/approvals", "{\"decision\":\"APPROVE\"}", "Authorization", reviewer)
                        .status())
                .isEqualTo(201);
        assertThat(put(production, "1.0.0", deployer).status()).isEqualTo(200);
    }
}
