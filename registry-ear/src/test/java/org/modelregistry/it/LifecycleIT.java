package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/** The version lifecycle with four-eyes approvals counted per risk tier. */
class LifecycleIT extends RegistryDeployment {

    private static String alice;
    private static String r1;
    private static String r2;

    @BeforeAll
    static void people() {
        alice = user("CONTRIBUTOR", "REVIEWER"); // an owner who is also a reviewer: four eyes must stop her
        r1 = user("REVIEWER");
        r2 = user("REVIEWER");
    }

    private static String user(String... roles) {
        return Api.member(roles);
    }

    private static String version(String tier) {
        Reply m = post(
                "/models",
                "{\"group\":\"lifecycle\",\"name\":\"" + unique("m") + "\",\"riskTier\":\"" + tier + "\"}",
                "Authorization",
                alice);
        assertThat(m.status()).as(m.body()).isEqualTo(201);
        String path = "/models/" + m.json().getString("id") + "/versions/1.0.0";
        assertThat(post(
                                "/models/" + m.json().getString("id") + "/versions",
                                "{\"version\":\"1.0.0\"}",
                                "Authorization",
                                alice)
                        .status())
                .isEqualTo(201);
        return path;
    }

    /** HIGH and CRITICAL versions document themselves (the shipped model-card-for-high-risk policy). */
    private static void card(String path) {
        Reply card = post(
                path + "/artifacts",
                "{\"type\":\"MODEL_CARD\",\"name\":\"card.md\","
                        + "\"uri\":\"https://cards.example/card.md\",\"license\":\"CC-BY-4.0\"}",
                "Authorization",
                alice);
        assertThat(card.status()).as(card.body()).isEqualTo(201);
    }

    private static Reply move(String path, String to, String who) {
        return post(path + "/transitions", "{\"to\":\"" + to + "\",\"comment\":\"" + to + "\"}", "Authorization", who);
    }

    private static Reply decide(String path, String decision, String who) {
        return post(path + "/approvals", "{\"decision\":\"" + decision + "\"}", "Authorization", who);
    }

    private static String state(String path) {
        return get(path).json().getString("state");
    }

    @Test
    void aHighRiskVersionNeedsTwoApprovalsFromPeopleOtherThanItsOwner() {
        String path = version("HIGH");
        card(path);
        assertThat(move(path, "IN_REVIEW", alice).json().getString("state")).isEqualTo("IN_REVIEW");

        Reply shortcut = move(path, "APPROVED", alice);
        assertThat(shortcut.status()).as("no approvals yet").isEqualTo(409);
        assertThat(shortcut.json().getString("type")).endsWith("/transition-not-allowed");
        assertThat(shortcut.json().getString("detail")).contains("needs 2 approvals");
        assertThat(shortcut.json().getJsonArray("allowedTransitions").getString(0))
                .isEqualTo("DRAFT");

        assertThat(decide(path, "APPROVE", alice).status())
                .as("the owner reviewing her own model")
                .isEqualTo(403);
        Reply first = decide(path, "APPROVE", r1);
        assertThat(first.status()).isEqualTo(201);
        assertThat(OffsetDateTime.parse(first.json().getString("expiresAt")))
                .isAfter(OffsetDateTime.now().plusMonths(11))
                .isBefore(OffsetDateTime.now().plusMonths(13));
        assertThat(state(path)).as("one approval is not enough for HIGH").isEqualTo("IN_REVIEW");
        assertThat(decide(path, "APPROVE", r1).status())
                .as("the same reviewer twice")
                .isEqualTo(409);
        Reply second = decide(path, "APPROVE", r2);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().getString("versionState")).isEqualTo("APPROVED");
        assertThat(second.json().getJsonArray("heldBy")).isEmpty();
        assertThat(state(path)).isEqualTo("APPROVED");
        assertThat(get(path + "/approvals").jsonAny().asJsonArray()).hasSize(2);
        assertThat(decide(path, "APPROVE", user("REVIEWER")).status())
                .as("no longer in review")
                .isEqualTo(409);
        assertThat(Api.count(
                        "SELECT count(*) FROM audit_event WHERE action = 'version.decision' AND object_id ="
                                + " (SELECT id FROM model_version WHERE model_id = ?::uuid)",
                        path.split("/")[2]))
                .isEqualTo(2);

        // approved is frozen; the owner deprecates and retires it
        assertThat(Api.patch(path, "{\"description\":\"x\"}", "Authorization", alice)
                        .status())
                .isEqualTo(409);
        assertThat(move(path, "DEPRECATED", alice).status()).isEqualTo(200);
        assertThat(move(path, "RETIRED", alice).status()).isEqualTo(200);
        Reply dead = move(path, "DRAFT", alice);
        assertThat(dead.status()).isEqualTo(409);
        assertThat(dead.json().getJsonArray("allowedTransitions")).isEmpty();
    }

    @Test
    void aHighRiskVersionWithoutAModelCardIsHeldInReviewByPolicy() {
        String path = version("HIGH");
        move(path, "IN_REVIEW", alice);
        assertThat(decide(path, "APPROVE", r1).status()).isEqualTo(201);
        Reply second = decide(path, "APPROVE", r2);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().getString("versionState")).isEqualTo("IN_REVIEW");
        assertThat(second.json().getJsonArray("heldBy").getString(0)).isEqualTo("model-card-for-high-risk");
        Reply retry = move(path, "APPROVED", alice);
        assertThat(retry.status()).isEqualTo(422);
        assertThat(retry.json().getString("type")).endsWith("/policy-violation");
        assertThat(state(path)).isEqualTo("IN_REVIEW");
    }

    @Test
    void aLowRiskVersionIsApprovedByOneReviewer() {
        String path = version("LOW");
        move(path, "IN_REVIEW", alice);
        assertThat(decide(path, "APPROVE", r1).status()).isEqualTo(201);
        assertThat(state(path)).isEqualTo("APPROVED");
        JsonObject approval = get(path + "/approvals").jsonAny().asJsonArray().getJsonObject(0);
        assertThat(approval.containsKey("expiresAt"))
                .as("LOW approvals do not expire")
                .isFalse();
    }

    @Test
    void requestedChangesSendTheVersionBackAndANewRoundStartsAfresh() {
        String path = version("MEDIUM");
        assertThat(move(path, "APPROVED", alice).status()).as("not from DRAFT").isEqualTo(409);
        move(path, "IN_REVIEW", alice);
        assertThat(decide(path, "REQUEST_CHANGES", r1).status()).isEqualTo(201);
        assertThat(state(path)).isEqualTo("CHANGES_REQUESTED");
        assertThat(move(path, "DRAFT", alice).status()).isEqualTo(200);
        assertThat(Api.patch(path, "{\"description\":\"fixed\"}", "Authorization", alice)
                        .status())
                .isEqualTo(200);
        assertThat(move(path, "IN_REVIEW", alice).json().getInt("revision")).isPositive();
        assertThat(decide(path, "APPROVE", r1).status()).as("a new round").isEqualTo(201);
        assertThat(state(path)).isEqualTo("APPROVED");
        List<Integer> rounds = get(path + "/approvals").jsonAny().asJsonArray().stream()
                .map(v -> v.asJsonObject().getInt("reviewRound"))
                .toList();
        assertThat(rounds).containsExactly(1, 2);
    }

    @Test
    void rejectionIsFinalAndOnlyOwnersMoveVersions() {
        String path = version("CRITICAL");
        assertThat(move(path, "IN_REVIEW", r1).status())
                .as("a reviewer is not an owner")
                .isEqualTo(403);
        move(path, "IN_REVIEW", alice);
        assertThat(decide(path, "REJECT", r2).status()).isEqualTo(201);
        assertThat(state(path)).isEqualTo("REJECTED");
        assertThat(move(path, "DRAFT", alice).status()).isEqualTo(409);
        assertThat(post(path + "/transitions", "{\"to\":\"SIDEWAYS\"}", "Authorization", alice)
                        .status())
                .isEqualTo(422);
        assertThat(post(path + "/approvals", "{\"decision\":\"MAYBE\"}", "Authorization", r1)
                        .status())
                .isEqualTo(422);
    }
}
