package org.modelregistry.domain.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.deployment.CreateDeploymentTargetRequest;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.catalog.OwnerDirectory;

/** The deployment's state machine, every transition from every state, without a container. */
class DeploymentTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final OwnerDirectory EVERYONE =
            (name, organization) -> Optional.of(new OwnerDirectory.Principal(name, UUID.randomUUID()));

    /** The states a deployment can be found in, each built only through the transitions. */
    enum Situation {
        REQUESTED,
        CLAIMED,
        CLAIM_EXPIRED,
        DISPATCHED,
        REPORTED_IN_PROGRESS,
        SUCCEEDED,
        FAILED
    }

    private static ModelVersion version(boolean approved) {
        Model model = Model.register(
                UUID.randomUUID(),
                new CreateModelRequest(null, "payments", "fraud", null, null, RiskTier.LOW, List.of()),
                "alice",
                EVERYONE);
        ModelVersion v =
                ModelVersion.register(model, new CreateVersionRequest("1.0.0", null, null, null, null), "alice");
        if (approved) {
            v.requestTransition(VersionState.IN_REVIEW, "alice");
            v.decided(VersionState.APPROVED, "digest", "bob");
        }
        return v;
    }

    private static DeploymentTarget target(Boolean enabled) {
        return DeploymentTarget.define(
                UUID.randomUUID(),
                new CreateDeploymentTargetRequest(
                        null,
                        "prod-eu",
                        "production",
                        null,
                        null,
                        "https://ci.example.com",
                        "s",
                        null,
                        null,
                        enabled,
                        null),
                "admin",
                (plain, column, id) -> plain == null ? null : "sealed:" + plain);
    }

    private static Deployment requested() {
        return Deployment.request(version(true), target(true), null, "dora", T0);
    }

    private static Deployment in(Situation situation) {
        Deployment d = requested();
        switch (situation) {
            case REQUESTED -> {}
            case CLAIMED -> d.claim("w1", T0);
            case CLAIM_EXPIRED -> d.claim("w1", T0.minus(Deployment.LEASE).minusSeconds(1));
            case DISPATCHED -> {
                d.claim("w1", T0);
                d.dispatched(202, T0);
            }
            case REPORTED_IN_PROGRESS -> {
                d.claim("w1", T0);
                d.dispatched(202, T0);
                d.report(DeploymentState.IN_PROGRESS, "rolling", null, "ci", T0);
            }
            case SUCCEEDED -> {
                d.claim("w1", T0);
                d.report(DeploymentState.SUCCEEDED, null, null, "ci", T0);
            }
            case FAILED -> d.fail("refused", T0);
        }
        return d;
    }

    @Test
    void aRequestIsRequestedForAnEnabledTargetAndAnApprovedVersion() {
        ModelVersion v = version(true);
        DeploymentTarget t = target(null);
        UUID rollbackOf = UUID.randomUUID();
        Deployment d = Deployment.request(v, t, rollbackOf, "dora", T0);
        assertThat(d.getState()).isEqualTo(DeploymentState.REQUESTED);
        assertThat(d.getVersionId()).isEqualTo(v.getId());
        assertThat(d.getModelId()).isEqualTo(v.getModelId());
        assertThat(d.getTargetId()).isEqualTo(t.getId());
        assertThat(d.getEnvironment()).isEqualTo("production");
        assertThat(d.getRollbackOf()).isEqualTo(rollbackOf);
        assertThat(d.getRequestedAt()).isEqualTo(T0);
        assertThat(d.getRequestedBy()).isEqualTo("dora");
        assertThat(d.getAttempt()).isZero();
        assertThat(d.getId().version()).isEqualTo(7);
    }

    @Test
    void aDisabledTargetOrAnUnapprovedVersionIsRefused() {
        assertThatThrownBy(() -> Deployment.request(version(true), target(false), null, "dora", T0))
                .isInstanceOf(ConflictException.class)
                .hasMessage("The target prod-eu is disabled");
        assertThatThrownBy(() -> Deployment.request(version(false), target(true), null, "dora", T0))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("Version 1.0.0 is DRAFT: only APPROVED (or already DEPLOYED)");
    }

    @ParameterizedTest
    @EnumSource(Situation.class)
    void onlyAnIdleDeploymentIsClaimed(Situation situation) {
        Deployment d = in(situation);
        int attempt = d.getAttempt();
        boolean idle = situation == Situation.REQUESTED || situation == Situation.CLAIM_EXPIRED;
        assertThat(d.idle(T0)).isEqualTo(idle);
        assertThat(d.claim("w2", T0)).isEqualTo(idle);
        if (idle) {
            assertThat(d.getState()).isEqualTo(DeploymentState.IN_PROGRESS);
            assertThat(d.getAttempt()).isEqualTo(attempt + 1);
            assertThat(d.getLeaseOwner()).isEqualTo("w2");
            assertThat(d.getLeaseUntil()).isEqualTo(T0.plus(Deployment.LEASE));
        } else {
            assertThat(d.getAttempt()).isEqualTo(attempt);
        }
    }

    @Test
    void aClaimKeepsTheFirstStartAndALiveLeaseIsNotTakenUntilItRunsOut() {
        Deployment d = requested();
        d.claim("w1", T0);
        assertThat(d.claim("w2", T0.plus(Deployment.LEASE)))
                .as("the lease ends at, not before")
                .isFalse();
        assertThat(d.claim("w2", T0.plus(Deployment.LEASE).plusNanos(1000))).isTrue();
        assertThat(d.getStartedAt()).isEqualTo(T0);
        assertThat(d.getAttempt()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Situation.class)
    void onlyAClaimedUndispatchedDeploymentIsDispatchedOrReleased(Situation situation) {
        boolean awaiting = situation == Situation.CLAIMED || situation == Situation.CLAIM_EXPIRED;
        Deployment dispatched = in(situation);
        assertThat(dispatched.dispatched(202, T0.plusSeconds(1))).isEqualTo(awaiting);
        Deployment released = in(situation);
        assertThat(released.release(T0.plusSeconds(1))).isEqualTo(awaiting);
        if (awaiting) {
            assertThat(dispatched.getDispatchedAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(dispatched.getLeaseUntil()).isNull();
            assertThat(dispatched.getMessage())
                    .isEqualTo("the target accepted the call (HTTP 202); waiting for its report");
            assertThat(dispatched.getState()).isEqualTo(DeploymentState.IN_PROGRESS);
            assertThat(released.getState()).isEqualTo(DeploymentState.REQUESTED);
            assertThat(released.getLeaseUntil()).isNull();
            assertThat(released.getPublishedAt()).isEqualTo(T0.plusSeconds(1));
        }
    }

    @Test
    void aReportBeforeTheDispatchKeepsItsMessage() {
        Deployment d = in(Situation.CLAIMED);
        d.report(DeploymentState.IN_PROGRESS, "already running", null, "ci", T0);
        assertThat(d.dispatched(202, T0.plusSeconds(1)))
                .as("the report said the target has it")
                .isFalse();
        assertThat(d.getMessage()).isEqualTo("already running");
        assertThat(d.getDispatchedAt()).isEqualTo(T0);
    }

    @ParameterizedTest
    @EnumSource(Situation.class)
    void reportsFollowTheTable(Situation situation) {
        for (DeploymentState reported : DeploymentState.REPORTABLE) {
            Deployment d = in(situation);
            DeploymentState before = d.getState();
            switch (situation) {
                case REQUESTED ->
                    assertThatThrownBy(() -> d.report(reported, null, null, "ci", T0))
                            .isInstanceOf(ConflictException.class)
                            .hasMessage("The deployment has not been sent to its target yet");
                case SUCCEEDED, FAILED -> {
                    if (reported == before) {
                        assertThat(d.report(reported, "again", null, "ci", T0))
                                .as("the same final report changes nothing")
                                .isFalse();
                        assertThat(d.getMessage()).isNotEqualTo("again");
                    } else {
                        assertThatThrownBy(() -> d.report(reported, null, null, "ci", T0))
                                .isInstanceOf(ConflictException.class)
                                .hasMessage("The deployment already ended " + before);
                    }
                }
                default -> {
                    OffsetDateTime at = T0.plusSeconds(5);
                    assertThat(d.report(reported, "msg", "https://ci.example.com/1", "ci", at))
                            .isTrue();
                    assertThat(d.getState()).isEqualTo(reported);
                    assertThat(d.getReportedBy()).isEqualTo("ci");
                    assertThat(d.getExternalUrl()).isEqualTo("https://ci.example.com/1");
                    assertThat(d.getMessage()).isEqualTo("msg");
                    assertThat(d.getDispatchedAt()).isNotNull();
                    assertThat(d.getFinishedAt()).isEqualTo(reported.finished() ? at : null);
                    if (reported.finished()) {
                        assertThat(d.getLeaseUntil()).isNull();
                    }
                }
            }
        }
    }

    @Test
    void aReportWithoutMessageOrLinkKeepsThoseItHad() {
        Deployment d = in(Situation.REPORTED_IN_PROGRESS);
        d.report(DeploymentState.SUCCEEDED, null, null, "ci", T0);
        assertThat(d.getMessage()).isEqualTo("rolling");
    }

    @Test
    void requestedIsNotAReport() {
        Deployment d = in(Situation.DISPATCHED);
        assertThatThrownBy(() -> d.report(DeploymentState.REQUESTED, null, null, "ci", T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DeploymentState.reported("REQUESTED")).isEmpty();
        assertThat(DeploymentState.reported("succeeded")).as("exactly as named").isEmpty();
        assertThat(DeploymentState.reported("FAILED")).contains(DeploymentState.FAILED);
        assertThat(DeploymentState.REPORTABLE).hasToString("[IN_PROGRESS, SUCCEEDED, FAILED]");
    }

    @ParameterizedTest
    @EnumSource(Situation.class)
    void onlyAnUnfinishedDeploymentFails(Situation situation) {
        Deployment d = in(situation);
        boolean unfinished = DeploymentState.UNFINISHED.contains(d.getState());
        OffsetDateTime at = T0.plusSeconds(9);
        assertThat(d.fail("no report", at)).isEqualTo(unfinished);
        if (unfinished) {
            assertThat(d.getState()).isEqualTo(DeploymentState.FAILED);
            assertThat(d.getMessage()).isEqualTo("no report");
            assertThat(d.getFinishedAt()).isEqualTo(at);
            assertThat(d.getLeaseUntil()).isNull();
        } else {
            assertThat(d.getMessage()).isNotEqualTo("no report");
        }
    }

    @Test
    void aTargetsCredentialSettingsAreMaskedAndItsCredentialsSealed() {
        DeploymentTarget t = target(null);
        assertThat(t.getSecret()).isEqualTo("sealed:s");
        assertThat(t.hasToken()).isFalse();
        assertThat(t.isEnabled()).isTrue();
        assertThat(t.getFormat()).isEqualTo(DeploymentTarget.GENERIC);
        assertThat(t.getKind()).isEqualTo(DeploymentTarget.WEBHOOK);
        assertThat(t.getSettings()).isEqualTo("{}");
        assertThat(DeploymentTarget.masked(Json.createObjectBuilder()
                        .add("jobToken", "x")
                        .add("apiKey", "y")
                        .add("ref", "main")
                        .build()))
                .isEqualTo(Json.createObjectBuilder()
                        .add("jobToken", "(set)")
                        .add("apiKey", "(set)")
                        .add("ref", "main")
                        .build());
        t.revise(
                "GITHUB",
                null,
                null,
                "tok",
                false,
                Json.createObjectBuilder().add("ref", "dev").build(),
                "events-secret-0123456789",
                false,
                false,
                "admin2",
                (plain, column, id) -> column + ":" + plain);
        assertThat(t.getToken()).isEqualTo("token:tok");
        assertThat(t.getEventSecret())
                .as("sealed for its own column")
                .isEqualTo("event_secret:events-secret-0123456789");
        assertThat(t.getSecret()).as("unchanged when not given").isEqualTo("sealed:s");
        assertThat(t.getUrl()).isEqualTo("https://ci.example.com");
        assertThat(t.getSettings()).isEqualTo("{\"ref\":\"dev\"}");
        assertThat(t.getUpdatedBy()).isEqualTo("admin2");
        assertThatThrownBy(t::requireEnabled).isInstanceOf(ConflictException.class);
        t.revise(
                null,
                null,
                null,
                "ignored",
                true,
                null,
                "rotated-secret-0123456789",
                false,
                null,
                "admin2",
                (p, c, i) -> p);
        assertThat(t.hasToken()).as("cleared wins").isFalse();
        assertThat(t.getEventSecret()).as("rotated").isEqualTo("rotated-secret-0123456789");
        t.revise(null, null, null, null, false, null, "ignored", true, null, "admin2", (p, c, i) -> p);
        assertThat(t.hasEventSecret())
                .as("removed: the target takes no CI events")
                .isFalse();
    }
}
