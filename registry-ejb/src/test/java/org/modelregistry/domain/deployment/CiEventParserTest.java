package org.modelregistry.domain.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.api.problem.RegistryException;

/** The recorded payload shapes of src/test/resources/ci-events (see its README for where they come from). */
class CiEventParserTest {

    private static final UUID DEPLOYMENT = UUID.fromString("01938c1e-7d2a-7b3c-9f10-4a5b6c7d8e9f");

    static byte[] fixture(String name) {
        try (InputStream in = CiEventParserTest.class.getResourceAsStream("/ci-events/" + name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("no fixture " + name, e);
        }
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i].toLowerCase(), pairs[i + 1]);
        }
        return out;
    }

    private static CiEvent github(String event, String fixture) {
        return CiEventParser.parse(
                CiSystem.GITHUB,
                headers("X-GitHub-Event", event, "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"),
                fixture(fixture));
    }

    @Test
    void aCompletedWorkflowRunReportsItsConclusionForTheDeploymentInItsTitle() {
        CiEvent done = github("workflow_run", "github-workflow_run-completed.json");
        assertThat(done.deliveryId()).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
        assertThat(done.event()).isEqualTo("workflow_run.completed");
        assertThat(done.deployment()).isEqualTo(DEPLOYMENT);
        assertThat(done.state()).isEqualTo(DeploymentState.SUCCEEDED);
        assertThat(done.url()).isEqualTo("https://github.com/octo-org/serving/actions/runs/30433642");
        assertThat(done.message()).isEqualTo("GitHub workflow run Deploy model #562: success");
        assertThat(done.occurredAt()).isEqualTo(Instant.parse("2026-12-01T19:39:54Z"));
        assertThat(done.relevant()).isTrue();

        assertThat(github("workflow_run", "github-workflow_run-completed-failure.json")
                        .state())
                .isEqualTo(DeploymentState.FAILED);
        CiEvent running = github("workflow_run", "github-workflow_run-in_progress.json");
        assertThat(running.state()).isEqualTo(DeploymentState.IN_PROGRESS);
        assertThat(running.message()).endsWith(": in_progress");
    }

    @Test
    void conclusionsThatSayNothingOfTheDeploymentAreIgnored() {
        for (String conclusion : new String[] {"neutral", "skipped", "stale", "action_required"}) {
            String body = new String(fixture("github-workflow_run-completed.json"), StandardCharsets.UTF_8)
                    .replace("\"conclusion\": \"success\"", "\"conclusion\": \"" + conclusion + "\"");
            CiEvent event = CiEventParser.parse(
                    CiSystem.GITHUB,
                    headers("X-GitHub-Event", "workflow_run", "X-GitHub-Delivery", "d1"),
                    body.getBytes(StandardCharsets.UTF_8));
            assertThat(event.state()).as(conclusion).isNull();
            assertThat(event.relevant()).isFalse();
        }
        for (String conclusion : new String[] {"cancelled", "timed_out", "startup_failure"}) {
            String body = new String(fixture("github-workflow_run-completed.json"), StandardCharsets.UTF_8)
                    .replace("\"conclusion\": \"success\"", "\"conclusion\": \"" + conclusion + "\"");
            assertThat(CiEventParser.parse(
                                    CiSystem.GITHUB,
                                    headers("X-GitHub-Event", "workflow_run", "X-GitHub-Delivery", "d1"),
                                    body.getBytes(StandardCharsets.UTF_8))
                            .state())
                    .as(conclusion)
                    .isEqualTo(DeploymentState.FAILED);
        }
    }

    @Test
    void aWorkflowRunOfAnotherWorkflowNamesNoDeployment() {
        String body = new String(fixture("github-workflow_run-completed.json"), StandardCharsets.UTF_8)
                .replace("Deploy 01938c1e-7d2a-7b3c-9f10-4a5b6c7d8e9f", "Nightly tests");
        CiEvent event = CiEventParser.parse(
                CiSystem.GITHUB,
                headers("X-GitHub-Event", "workflow_run", "X-GitHub-Delivery", "d2"),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(event.deployment()).isNull();
        assertThat(event.relevant()).isFalse();
    }

    @Test
    void aDeploymentStatusCarriesTheDeploymentInItsPayload() {
        CiEvent event = github("deployment_status", "github-deployment_status-success.json");
        assertThat(event.deployment()).isEqualTo(DEPLOYMENT);
        assertThat(event.state()).isEqualTo(DeploymentState.SUCCEEDED);
        assertThat(event.event()).isEqualTo("deployment_status.success");
        assertThat(event.url()).isEqualTo("https://github.com/octo-org/serving/actions/runs/30433642/job/84021");
        assertThat(event.message()).isEqualTo("GitHub deployment status success: Deployment finished successfully.");
        String asText = new String(fixture("github-deployment_status-success.json"), StandardCharsets.UTF_8)
                .replace(
                        "\"payload\": {\n      \"registryDeployment\": \"01938c1e-7d2a-7b3c-9f10-4a5b6c7d8e9f\",\n"
                                + "      \"model\": \"fraud/scorer\",\n      \"version\": \"1.4.0\"\n    }",
                        "\"payload\": \"{\\\"registryDeployment\\\":\\\"" + DEPLOYMENT + "\\\"}\"");
        assertThat(asText).contains("\"payload\": \"{");
        assertThat(CiEventParser.parse(
                                CiSystem.GITHUB,
                                headers("X-GitHub-Event", "deployment_status", "X-GitHub-Delivery", "d3"),
                                asText.getBytes(StandardCharsets.UTF_8))
                        .deployment())
                .as("a payload given as JSON text")
                .isEqualTo(DEPLOYMENT);
        for (String[] mapping : new String[][] {
            {"queued", "IN_PROGRESS"}, {"in_progress", "IN_PROGRESS"}, {"pending", "IN_PROGRESS"},
            {"failure", "FAILED"}, {"error", "FAILED"}, {"inactive", null}
        }) {
            String body = new String(fixture("github-deployment_status-success.json"), StandardCharsets.UTF_8)
                    .replace("\"state\": \"success\"", "\"state\": \"" + mapping[0] + "\"");
            DeploymentState state = CiEventParser.parse(
                            CiSystem.GITHUB,
                            headers("X-GitHub-Event", "deployment_status", "X-GitHub-Delivery", "d4"),
                            body.getBytes(StandardCharsets.UTF_8))
                    .state();
            assertThat(state == null ? null : state.name()).as(mapping[0]).isEqualTo(mapping[1]);
        }
    }

    @Test
    void aPingIsNotADeploymentsEvent() {
        CiEvent ping = github("ping", "github-ping.json");
        assertThat(ping.event()).isEqualTo("ping");
        assertThat(ping.relevant()).isFalse();
    }

    @Test
    void githubNeedsItsEventAndDeliveryHeaders() {
        byte[] body = fixture("github-workflow_run-completed.json");
        assertField(
                () -> CiEventParser.parse(CiSystem.GITHUB, headers("X-GitHub-Delivery", "d"), body), "X-GitHub-Event");
        assertField(
                () -> CiEventParser.parse(CiSystem.GITHUB, headers("X-GitHub-Event", "workflow_run"), body),
                "X-GitHub-Delivery");
        assertField(
                () -> CiEventParser.parse(
                        CiSystem.GITHUB, headers("X-GitHub-Event", "workflow_run", "X-GitHub-Delivery", "a b"), body),
                "X-GitHub-Delivery");
        assertField(
                () -> CiEventParser.parse(
                        CiSystem.GITHUB,
                        headers("X-GitHub-Event", "workflow_run", "X-GitHub-Delivery", "x".repeat(201)),
                        body),
                "X-GitHub-Delivery");
    }

    @Test
    void aGitlabPipelineCarriesTheDeploymentInItsVariables() {
        Map<String, String> h = headers(
                "X-Gitlab-Event", "Pipeline Hook", "X-Gitlab-Event-UUID", "13792a34-cac6-4fda-95a8-c58e00a3954e");
        CiEvent done = CiEventParser.parse(CiSystem.GITLAB, h, fixture("gitlab-pipeline-success.json"));
        assertThat(done.deliveryId()).isEqualTo("13792a34-cac6-4fda-95a8-c58e00a3954e");
        assertThat(done.deployment()).isEqualTo(DEPLOYMENT);
        assertThat(done.state()).isEqualTo(DeploymentState.SUCCEEDED);
        assertThat(done.event()).isEqualTo("pipeline.success");
        assertThat(done.url()).isEqualTo("https://gitlab.example.com/platform/serving/-/pipelines/31");
        assertThat(done.occurredAt())
                .as("GitLab's documented time format")
                .isEqualTo(Instant.parse("2026-12-01T15:26:29Z"));
        CiEvent running = CiEventParser.parse(CiSystem.GITLAB, h, fixture("gitlab-pipeline-running.json"));
        assertThat(running.state()).isEqualTo(DeploymentState.IN_PROGRESS);
        assertThat(running.occurredAt())
                .as("not finished: its creation")
                .isEqualTo(Instant.parse("2026-12-01T15:23:28Z"));
        assertThat(CiEventParser.parse(CiSystem.GITLAB, h, fixture("gitlab-pipeline-failed.json"))
                        .state())
                .isEqualTo(DeploymentState.FAILED);

        CiEvent job = CiEventParser.parse(
                CiSystem.GITLAB,
                headers("X-Gitlab-Event", "Job Hook", "Idempotency-Key", "k1"),
                "{\"object_kind\":\"build\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(job.deliveryId()).as("older GitLab: the Idempotency-Key").isEqualTo("k1");
        assertThat(job.relevant()).isFalse();
        assertField(
                () -> CiEventParser.parse(
                        CiSystem.GITLAB,
                        headers("X-Gitlab-Event", "Pipeline Hook"),
                        fixture("gitlab-pipeline-success.json")),
                "Idempotency-Key");
    }

    @Test
    void aJenkinsNotificationCarriesTheDeploymentInItsParameters() {
        CiEvent done = CiEventParser.parse(CiSystem.JENKINS, headers(), fixture("jenkins-notification-completed.json"));
        assertThat(done.deliveryId()).as("job, build and phase").isEqualTo("deploy-model#17/COMPLETED");
        assertThat(done.deployment()).isEqualTo(DEPLOYMENT);
        assertThat(done.state()).isEqualTo(DeploymentState.SUCCEEDED);
        assertThat(done.url()).isEqualTo("https://jenkins.example.com/job/deploy-model/17/");
        assertThat(done.occurredAt()).isNull();
        CiEvent started = CiEventParser.parse(
                CiSystem.JENKINS,
                headers("X-Jenkins-Delivery", "given-1"),
                fixture("jenkins-notification-started.json"));
        assertThat(started.deliveryId()).isEqualTo("given-1");
        assertThat(started.state()).isEqualTo(DeploymentState.IN_PROGRESS);
        for (String status : new String[] {"FAILURE", "ABORTED", "UNSTABLE"}) {
            String body = new String(fixture("jenkins-notification-completed.json"), StandardCharsets.UTF_8)
                    .replace("\"SUCCESS\"", "\"" + status + "\"");
            assertThat(CiEventParser.parse(CiSystem.JENKINS, headers(), body.getBytes(StandardCharsets.UTF_8))
                            .state())
                    .as(status)
                    .isEqualTo(DeploymentState.FAILED);
        }
    }

    @Test
    void malformedBodiesAreBadRequestsNamingWhatIsWrong() {
        Map<String, String> h = headers("X-GitHub-Event", "workflow_run", "X-GitHub-Delivery", "d");
        assertField(
                () -> CiEventParser.parse(CiSystem.GITHUB, h, "{\"action\":".getBytes(StandardCharsets.UTF_8)), "body");
        assertField(() -> CiEventParser.parse(CiSystem.GITHUB, h, "[1]".getBytes(StandardCharsets.UTF_8)), "body");
        assertField(() -> CiEventParser.parse(CiSystem.GITHUB, h, new byte[0]), "body");
        assertField(
                () -> CiEventParser.parse(
                        CiSystem.GITHUB, h, "{\"action\":\"completed\"}".getBytes(StandardCharsets.UTF_8)),
                "workflow_run");
        String notAnId = new String(fixture("jenkins-notification-completed.json"), StandardCharsets.UTF_8)
                .replace("01938c1e-7d2a-7b3c-9f10-4a5b6c7d8e9f", "../../etc/passwd");
        assertField(
                () -> CiEventParser.parse(CiSystem.JENKINS, headers(), notAnId.getBytes(StandardCharsets.UTF_8)),
                "build.parameters.REGISTRY_DEPLOYMENT");
        String badTime = new String(fixture("github-workflow_run-completed.json"), StandardCharsets.UTF_8)
                .replace("2026-12-01T19:39:54Z", "yesterday");
        assertField(
                () -> CiEventParser.parse(CiSystem.GITHUB, h, badTime.getBytes(StandardCharsets.UTF_8)),
                "workflow_run.updated_at");
    }

    private static void assertField(Runnable call, String field) {
        assertThatThrownBy(call::run)
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((RegistryException) e).errors())
                        .extracting(f -> f.field())
                        .containsExactly(field));
    }
}
