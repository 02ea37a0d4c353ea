package org.modelregistry.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.unique;

import com.github.tomakehurst.wiremock.WireMockServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * CI systems reporting back with their own events, signed the way each signs them, against the real server: the
 * recorded payload shapes of registry-ejb's src/test/resources/ci-events (the deployment id and times replaced)
 * move deployments through their states, with audit records naming the system and delivery; and every way around
 * it is refused: a wrong or missing signature, another body's signature, a replayed delivery, another
 * organization's deployment, an old event, a huge or malformed body, a success after a failure.
 */
class CiEventsIT extends RegistryDeployment {

    private static final Path FIXTURES = Path.of("..", "registry-ejb", "src", "test", "resources", "ci-events");
    private static final String RECORDED_ID = "01938c1e-7d2a-7b3c-9f10-4a5b6c7d8e9f";
    private static final String SIGNING_SECRET = "it-signing-secret-0123456789";

    private static WireMockServer ci;

    @BeforeAll
    static void start() {
        // the CI system's trigger endpoint, on the port the IT server may call (registry.outbound.allow)
        ci = new WireMockServer(options().bindAddress("127.0.0.1").port(Integer.getInteger("registry.it.target.port")));
        ci.start();
        ci.stubFor(post(urlPathMatching("/ci/.*")).willReturn(aResponse().withStatus(202)));
    }

    @AfterAll
    static void stop() {
        ci.stop();
    }

    /** A target and its event secret. */
    private record Target(String id, String name, String eventSecret) {}

    private static Target target(String organization, String environment, String format) {
        String name = unique("ci");
        String eventSecret = "events-" + UUID.randomUUID();
        Reply created = Api.post(
                "/deployment-targets",
                "{\"organization\":\"" + organization + "\",\"name\":\"" + name + "\",\"environment\":\""
                        + environment + "\",\"format\":\"" + format + "\",\"url\":\"http://127.0.0.1:" + ci.port()
                        + "/ci/" + name + "\",\"secret\":\"" + SIGNING_SECRET + "\",\"eventSecret\":\"" + eventSecret
                        + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(eventSecret);
        assertThat(created.json().getBoolean("eventSecretSet")).isTrue();
        return new Target(created.json().getString("id"), name, eventSecret);
    }

    /** Deploys an approved version of a new LOW risk model of the organization; returns the dispatched deployment. */
    private static String dispatchedDeployment(String organization, Target target) {
        Reply model = Api.post(
                "/models",
                "{\"organization\":\"" + organization + "\",\"group\":\"ci\",\"name\":\"" + unique("m")
                        + "\",\"riskTier\":\"LOW\"}");
        assertThat(model.status()).as(model.body()).isEqualTo(201);
        String id = model.json().getString("id");
        Api.createVersion(id, "1.0.0");
        String path = "/models/" + id + "/versions/1.0.0";
        assertThat(Api.post(path + "/transitions", "{\"to\":\"IN_REVIEW\"}").status())
                .isEqualTo(200);
        String reviewer = Api.newMemberOf(organization, "REVIEWER");
        String token = Api.post(
                        "/auth/token",
                        "{\"username\":\"" + reviewer + "\",\"password\":\"" + Api.MEMBER_PASSWORD + "\"}",
                        Api.NO_AUTH,
                        "")
                .json()
                .getString("access_token");
        Reply approved =
                Api.post(path + "/approvals", "{\"decision\":\"APPROVE\"}", "Authorization", "Bearer " + token);
        assertThat(approved.status()).as(approved.body()).isEqualTo(201);
        Reply queued = Api.post(path + "/deployments", "{\"target\":\"" + target.name() + "\"}");
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        String deployment = queued.json().getString("id");
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonObject d = deployment(deployment);
                    assertThat(d.getString("state")).as(d.toString()).isNotEqualTo("FAILED");
                    return d.containsKey("dispatchedAt") && !d.isNull("dispatchedAt"); // null fields are left out
                });
        return deployment;
    }

    private static JsonObject deployment(String id) {
        return get("/deployments/" + id).json();
    }

    /** A recorded payload with the deployment id replaced and its times made recent. */
    private static byte[] fixture(String name, String deployment) {
        try {
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            return Files.readString(FIXTURES.resolve(name))
                    .replace(RECORDED_ID, deployment)
                    .replaceAll("\"2026-12-01T\\d\\d:\\d\\d:\\d\\dZ\"", "\"" + now + "\"")
                    .replaceAll(
                            "\"2026-12-01 \\d\\d:\\d\\d:\\d\\d UTC\"",
                            "\"" + now.replace("T", " ").replace("Z", " UTC") + "\"")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply event(String system, Target target, byte[] body, String... headers) {
        return event(system + "/" + target.id(), body, headers);
    }

    private static Reply event(String pathAfterCiEvents, byte[] body, String... headers) {
        List<String> all = new ArrayList<>(Arrays.asList(headers));
        all.addAll(List.of(Api.NO_AUTH, "", "Content-Type", "application/json"));
        return Api.send(
                "POST",
                "/ci-events/" + pathAfterCiEvents,
                BodyPublishers.ofByteArray(body),
                all.toArray(String[]::new));
    }

    private static Reply github(Target target, String event, String delivery, byte[] body) {
        return event(
                "github",
                target,
                body,
                "X-GitHub-Event",
                event,
                "X-GitHub-Delivery",
                delivery,
                "X-Hub-Signature-256",
                hubSignature(target.eventSecret(), body));
    }

    private static Reply gitlab(Target target, String delivery, String token, byte[] body) {
        return token == null
                ? event("gitlab", target, body, "X-Gitlab-Event", "Pipeline Hook", "X-Gitlab-Event-UUID", delivery)
                : event(
                        "gitlab",
                        target,
                        body,
                        "X-Gitlab-Event",
                        "Pipeline Hook",
                        "X-Gitlab-Event-UUID",
                        delivery,
                        "X-Gitlab-Token",
                        token);
    }

    static String hubSignature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long audited(String deployment, String actor, String delivery) {
        return Api.count(
                "SELECT count(*) FROM audit_event WHERE object_id = CAST(? AS uuid) AND action = 'deployment.ci-event'"
                        + " AND actor = ? AND details->>'delivery' = ?",
                deployment,
                actor,
                delivery);
    }

    private static void assertProblem(Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void githubWorkflowRunsFinishAProductionDeploymentAndAReplayChangesNothing() {
        Target target = target("default", "production", "GITHUB");
        String deployment = dispatchedDeployment("default", target);
        String actor = "ci:github:" + target.name();

        Reply ping = github(target, "ping", UUID.randomUUID().toString(), fixture("github-ping.json", deployment));
        assertThat(ping.status()).as(ping.body()).isEqualTo(202);
        assertThat(ping.json().getString("outcome")).isEqualTo("IGNORED");

        String started = UUID.randomUUID().toString();
        Reply running =
                github(target, "workflow_run", started, fixture("github-workflow_run-in_progress.json", deployment));
        assertThat(running.status()).as(running.body()).isEqualTo(200);
        assertThat(running.json().getString("outcome")).isEqualTo("APPLIED");
        assertThat(running.json().getString("state")).isEqualTo("IN_PROGRESS");

        String completed = UUID.randomUUID().toString();
        byte[] success = fixture("github-workflow_run-completed.json", deployment);
        Reply done = github(target, "workflow_run", completed, success);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().getString("state")).isEqualTo("SUCCEEDED");
        JsonObject d = deployment(deployment);
        assertThat(d.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(d.getString("reportedBy")).isEqualTo(actor);
        assertThat(d.getString("externalUrl")).isEqualTo("https://github.com/octo-org/serving/actions/runs/30433642");
        assertThat(get("/models/" + d.getString("modelId") + "/versions/1.0.0")
                        .json()
                        .getString("state"))
                .as("a successful production deployment")
                .isEqualTo("DEPLOYED");
        assertThat(audited(deployment, actor, started)).isEqualTo(1);
        assertThat(audited(deployment, actor, completed)).isEqualTo(1);
        assertThat(Api.count(
                        "SELECT count(*) FROM audit_event WHERE object_id = CAST(? AS uuid) AND actor = ? AND action ="
                                + " 'deployment.succeeded' AND details->'via'->>'delivery' = ?",
                        deployment,
                        actor,
                        completed))
                .isEqualTo(1);

        // the same delivery again (GitHub's redelivery, or someone replaying a captured request): nothing changes
        Reply replay = github(target, "workflow_run", completed, success);
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(replay.json().getString("outcome")).isEqualTo("DUPLICATE");
        assertThat(audited(deployment, actor, completed)).isEqualTo(1);
        assertThat(Api.count(
                        "SELECT count(*) FROM ci_event_delivery WHERE deployment_id = CAST(? AS uuid)", deployment))
                .isEqualTo(2);

        // a failure after the success, even signed, is a regression: refused, nothing recorded
        String late = UUID.randomUUID().toString();
        Reply regression =
                github(target, "workflow_run", late, fixture("github-workflow_run-completed-failure.json", deployment));
        assertProblem(regression, 409);
        assertThat(deployment(deployment).getString("state")).isEqualTo("SUCCEEDED");
        assertThat(audited(deployment, actor, late)).isZero();
        // progress arriving after the end (deliveries come in any order) is acknowledged and ignored
        Reply lateProgress = github(
                target,
                "workflow_run",
                UUID.randomUUID().toString(),
                fixture("github-workflow_run-in_progress.json", deployment));
        assertThat(lateProgress.status()).as(lateProgress.body()).isEqualTo(202);
        assertThat(deployment(deployment).getString("state")).isEqualTo("SUCCEEDED");
    }

    @Test
    void aSuccessAfterAFailureIsRefused() {
        Target second = target("default", "staging", "GITHUB");
        String other = dispatchedDeployment("default", second);
        byte[] failure = new String(fixture("github-deployment_status-success.json", other), StandardCharsets.UTF_8)
                .replace("\"state\": \"success\"", "\"state\": \"failure\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(github(second, "deployment_status", UUID.randomUUID().toString(), failure)
                        .status())
                .isEqualTo(200);
        assertThat(deployment(other).getString("state")).isEqualTo("FAILED");
        Reply success = github(
                second,
                "deployment_status",
                UUID.randomUUID().toString(),
                fixture("github-deployment_status-success.json", other));
        assertProblem(success, 409);
        assertThat(deployment(other).getString("state")).isEqualTo("FAILED");
    }

    @Test
    void forgedOrBrokenGithubEventsAreRefused() {
        Target target = target("default", "development", "GITHUB");
        String deployment = dispatchedDeployment("default", target);
        byte[] body = fixture("github-workflow_run-completed.json", deployment);
        String delivery = UUID.randomUUID().toString();

        assertProblem(
                event(
                        "github",
                        target,
                        body,
                        "X-GitHub-Event",
                        "workflow_run",
                        "X-GitHub-Delivery",
                        delivery,
                        "X-Hub-Signature-256",
                        hubSignature("not-the-event-secret", body)),
                401);
        byte[] other = fixture("github-workflow_run-completed-failure.json", deployment);
        assertProblem(
                event(
                        "github",
                        target,
                        other,
                        "X-GitHub-Event",
                        "workflow_run",
                        "X-GitHub-Delivery",
                        delivery,
                        "X-Hub-Signature-256",
                        hubSignature(target.eventSecret(), body)),
                401);
        assertProblem(
                event("github", target, body, "X-GitHub-Event", "workflow_run", "X-GitHub-Delivery", delivery), 401);
        assertProblem(
                event(
                        "github/" + UUID.randomUUID(),
                        body,
                        "X-GitHub-Event",
                        "workflow_run",
                        "X-GitHub-Delivery",
                        delivery,
                        "X-Hub-Signature-256",
                        hubSignature(target.eventSecret(), body)),
                401);
        Reply unsigned = event(
                "github",
                target,
                body,
                "X-GitHub-Event",
                "workflow_run",
                "X-Hub-Signature-256",
                hubSignature(target.eventSecret(), body));
        assertProblem(unsigned, 400);
        assertThat(unsigned.body()).contains("X-GitHub-Delivery");

        byte[] malformed = "{\"action\":\"completed\",".getBytes(StandardCharsets.UTF_8);
        Reply broken = github(target, "workflow_run", delivery, malformed);
        assertProblem(broken, 400);
        assertThat(broken.body()).contains("\"body\"");

        byte[] old = new String(body, StandardCharsets.UTF_8)
                .replaceAll("\"updated_at\": \"[^\"]+\"", "\"updated_at\": \"2020-01-22T19:33:08Z\"")
                .getBytes(StandardCharsets.UTF_8);
        Reply stale = github(target, "workflow_run", delivery, old);
        assertProblem(stale, 400);
        assertThat(stale.body()).contains("old event");

        byte[] huge = new byte[2 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        assertProblem(github(target, "workflow_run", delivery, huge), 413);

        assertThat(deployment(deployment).getString("state"))
                .as("none of it changed anything")
                .isEqualTo("IN_PROGRESS");
        assertThat(Api.count(
                        "SELECT count(*) FROM ci_event_delivery WHERE deployment_id = CAST(? AS uuid)", deployment))
                .isZero();
        assertThat(get("/deployment-targets/" + target.id()).body()).doesNotContain(target.eventSecret());
    }

    /** {@code registry_ci_events_total} of one system and outcome on the IT server, 0 before the first. */
    private static double counted(String system, String outcome) throws Exception {
        String body = PlatformIT.metricsText();
        return body.lines()
                .filter(l -> l.startsWith("registry_ci_events_total{")
                        && l.contains("system=\"" + system + "\"")
                        && l.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void refusedEventsAreCounted() throws Exception {
        Target target = target("default", "development", "GITHUB");
        double before = counted("github", "refused-signature");
        byte[] body = "{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);
        assertProblem(
                event(
                        "github",
                        target,
                        body,
                        "X-GitHub-Event",
                        "ping",
                        "X-GitHub-Delivery",
                        "m1",
                        "X-Hub-Signature-256",
                        hubSignature("wrong-secret-0123456789", body)),
                401);
        assertThat(counted("github", "refused-signature")).isEqualTo(before + 1);
        double ignored = counted("github", "ignored");
        assertThat(github(target, "ping", "m2", body).status()).isEqualTo(202);
        assertThat(counted("github", "ignored")).isEqualTo(ignored + 1);
    }

    @Test
    void anEventNamingAnotherOrganizationsDeploymentIsRefused() {
        String otherOrg = unique("org");
        Api.update(
                "INSERT INTO organization (id, slug, display_name) VALUES (?, ?, 'CI other team')",
                UUID.randomUUID(),
                otherOrg);
        Target theirs = target(otherOrg, "staging", "GITLAB");
        String theirDeployment = dispatchedDeployment(otherOrg, theirs);
        Target ours = target("default", "staging", "GITLAB");
        byte[] body = fixture("gitlab-pipeline-success.json", theirDeployment);
        assertProblem(gitlab(ours, UUID.randomUUID().toString(), ours.eventSecret(), body), 403);
        assertProblem(gitlab(theirs, UUID.randomUUID().toString(), ours.eventSecret(), body), 401);
        assertThat(deployment(theirDeployment).getString("state")).isEqualTo("IN_PROGRESS");
    }

    @Test
    void gitlabPipelineEventsWithTheirTokenReportAndAreReplaySafe() {
        Target target = target("default", "staging", "GITLAB");
        String deployment = dispatchedDeployment("default", target);
        String actor = "ci:gitlab:" + target.name();
        byte[] running = fixture("gitlab-pipeline-running.json", deployment);
        assertThat(gitlab(target, UUID.randomUUID().toString(), target.eventSecret(), running)
                        .status())
                .isEqualTo(200);
        byte[] failed = fixture("gitlab-pipeline-failed.json", deployment);
        assertProblem(gitlab(target, UUID.randomUUID().toString(), target.eventSecret() + "x", failed), 401);
        assertProblem(gitlab(target, UUID.randomUUID().toString(), null, failed), 401);
        String uuid = UUID.randomUUID().toString();
        Reply done = gitlab(target, uuid, target.eventSecret(), failed);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(deployment(deployment).getString("state")).isEqualTo("FAILED");
        assertThat(audited(deployment, actor, uuid)).isEqualTo(1);
        Reply again = gitlab(target, uuid, target.eventSecret(), failed);
        assertThat(again.json().getString("outcome")).isEqualTo("DUPLICATE");
        assertThat(audited(deployment, actor, uuid)).isEqualTo(1);
    }

    @Test
    void jenkinsNotificationsWithTheSharedTokenReportAndARotatedSecretReplacesTheOld() {
        Target target = target("default", "development", "JENKINS");
        String deployment = dispatchedDeployment("default", target);
        Reply started = event(
                "jenkins",
                target,
                fixture("jenkins-notification-started.json", deployment),
                "X-Registry-Token",
                target.eventSecret());
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(started.json().getString("delivery")).endsWith("#17/STARTED");

        String rotated = "rotated-" + UUID.randomUUID();
        Reply patched = Api.patch("/deployment-targets/" + target.id(), "{\"eventSecret\":\"" + rotated + "\"}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.body()).doesNotContain(rotated);
        Reply tooShort = Api.patch("/deployment-targets/" + target.id(), "{\"eventSecret\":\"short\"}");
        assertProblem(tooShort, 422);
        assertThat(tooShort.body()).contains("\"eventSecret\"");

        byte[] completed = fixture("jenkins-notification-completed.json", deployment);
        assertProblem(event("jenkins", target, completed, "X-Registry-Token", target.eventSecret()), 401);
        // the Notification plugin cannot send headers: its endpoint URL carries the token
        Reply done = event("jenkins/" + target.id() + "?token=" + rotated, completed);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(deployment(deployment).getString("state")).isEqualTo("SUCCEEDED");
        assertThat(audited(deployment, "ci:jenkins:" + target.name(), "deploy-model#17/COMPLETED"))
                .isEqualTo(1);

        Reply removed = Api.patch("/deployment-targets/" + target.id(), "{\"eventSecret\":null}");
        assertThat(removed.json().getBoolean("eventSecretSet")).isFalse();
        assertProblem(event("jenkins/" + target.id() + "?token=" + rotated, completed), 401);
    }
}
