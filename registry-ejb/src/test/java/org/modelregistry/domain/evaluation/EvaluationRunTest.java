package org.modelregistry.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelregistry.domain.evaluation.Evaluations.model;
import static org.modelregistry.domain.evaluation.Evaluations.queued;
import static org.modelregistry.domain.evaluation.Evaluations.runRequest;
import static org.modelregistry.domain.evaluation.Evaluations.suite;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.evaluation.CreateSuiteRequest;
import org.modelregistry.api.evaluation.StartEvaluationRequest;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.domain.evaluation.CheckOutcome.Status;

/** The run's state machine, move by move from every state, without a container. */
class EvaluationRunTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 12, 4, 12, 0, 0, 0, ZoneOffset.UTC);

    private static EvaluationRun running() {
        EvaluationRun run = queued();
        run.claim("server-a#1", T0);
        return run;
    }

    private static EvaluationRun finished(Status... results) {
        EvaluationRun run = running();
        run.complete(List.of(results), T0.plusSeconds(3));
        return run;
    }

    @Test
    void aRequestedRunIsQueuedWithTheSuitesChecksAndTheReportedMetrics() {
        EvaluationRun run = queued();
        assertThat(run.getState()).isEqualTo(EvaluationRunState.QUEUED);
        assertThat(run.getAttempt()).isZero();
        assertThat(run.getSuiteVersion()).isEqualTo(1);
        assertThat(run.checks()).isEqualTo(suite().getChecks());
        assertThat(run.metricValues()).containsEntry("accuracy", 0.93);
        assertThat(run.getRequestedBy()).isEqualTo("bob");
        assertThat(run.getStartedAt()).isNull();
        assertThat(run.duration()).isNull();
    }

    @Test
    void queuedIsClaimedForALeaseAndCannotBeCompleted() {
        EvaluationRun run = queued();
        assertThat(run.claimable(T0)).isTrue();
        assertThatThrownBy(() -> run.complete(List.of(Status.PASSED), T0)).isInstanceOf(ConflictException.class);
        assertThat(run.getState()).isEqualTo(EvaluationRunState.QUEUED);

        run.claim("server-a#1", T0);
        assertThat(run.getState()).isEqualTo(EvaluationRunState.RUNNING);
        assertThat(run.getAttempt()).isEqualTo(1);
        assertThat(run.getStartedAt()).isEqualTo(T0);
        assertThat(run.getLeaseUntil()).isEqualTo(T0.plus(EvaluationRun.LEASE));
        assertThat(run.getLeaseOwner()).isEqualTo("server-a#1");
    }

    @Test
    void runningOnALiveLeaseCannotBeClaimedByAnotherWorker() {
        EvaluationRun run = running();
        OffsetDateTime stillHeld = T0.plus(EvaluationRun.LEASE); // the lease runs out after, not at, its end
        assertThat(run.claimable(stillHeld)).isFalse();
        assertThatThrownBy(() -> run.claim("server-b#1", stillHeld))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("RUNNING on a lease until");
        assertThat(run.getLeaseOwner()).isEqualTo("server-a#1");
        assertThat(run.getAttempt()).isEqualTo(1);
    }

    @Test
    void runningOnAnExpiredLeaseIsTakenOverAsAnotherAttemptStartedAtTheFirstClaim() {
        EvaluationRun run = running();
        OffsetDateTime later = T0.plus(EvaluationRun.LEASE).plusNanos(1000);
        assertThat(run.claimable(later)).isTrue();
        run.claim("server-b#1", later);
        assertThat(run.getState()).isEqualTo(EvaluationRunState.RUNNING);
        assertThat(run.getAttempt()).isEqualTo(2);
        assertThat(run.getLeaseOwner()).isEqualTo("server-b#1");
        assertThat(run.getLeaseUntil()).isEqualTo(later.plus(EvaluationRun.LEASE));
        assertThat(run.getStartedAt()).isEqualTo(T0);
    }

    @Test
    void runningIsCompletedByItsWorstCheckAndReleasesItsLease() {
        assertThat(finished(Status.PASSED, Status.PASSED).getState()).isEqualTo(EvaluationRunState.PASSED);
        assertThat(finished().getState()).as("no checks recorded").isEqualTo(EvaluationRunState.PASSED);
        assertThat(finished(Status.PASSED, Status.FAILED).getState()).isEqualTo(EvaluationRunState.FAILED);
        assertThat(finished(Status.FAILED, Status.ERROR, Status.PASSED).getState())
                .isEqualTo(EvaluationRunState.ERROR);

        EvaluationRun run = finished(Status.PASSED, Status.FAILED, Status.PASSED);
        assertThat(run.getMessage()).isEqualTo("3 checks, FAILED");
        assertThat(run.getFinishedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(run.getLeaseUntil()).isNull();
        assertThat(run.duration()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aFinishedRunStaysAsItIs() {
        for (Status worst : Status.values()) {
            EvaluationRun run = finished(worst);
            EvaluationRunState state = run.getState();
            assertThat(state.isFinished()).isTrue();
            OffsetDateTime muchLater = T0.plusDays(1);
            assertThat(run.claimable(muchLater)).isFalse();
            assertThatThrownBy(() -> run.claim("server-b#1", muchLater))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageEndingWith("is " + state + ": it cannot be claimed");
            assertThatThrownBy(() -> run.complete(List.of(Status.PASSED), muchLater))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageEndingWith("is " + state + ": it cannot be completed");
            assertThat(run.getState()).isEqualTo(state);
            assertThat(run.getAttempt()).isEqualTo(1);
        }
        assertThat(EvaluationRunState.QUEUED.isFinished()).isFalse();
        assertThat(EvaluationRunState.RUNNING.isFinished()).isFalse();
    }

    @Test
    void theDurationIsRoundedToTheMillisecond() {
        EvaluationRun run = running();
        run.complete(List.of(), T0.plusNanos(1_500_000));
        assertThat(run.duration()).isEqualTo(Duration.ofMillis(2));
    }

    @Test
    void aRequestNamesEveryInvalidFieldBeforeAnySuiteIsLookedUp() {
        assertThatThrownBy(() -> EvaluationRun.validate(new StartEvaluationRequest(
                        null,
                        (JsonObject) Evaluations.json("{\"accuracy\":\"high\",\"f1\":0.8}"),
                        "s3://" + "x".repeat(2048))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("suite", "dataset", "metrics.accuracy"));
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i <= EvaluationRun.MAX_METRICS; i++) {
            many.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":1");
        }
        assertThatThrownBy(
                        () -> EvaluationRun.validate(runRequest(many.append("}").toString())))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::message)
                                .containsExactly("at most 200 metrics"));
        EvaluationRun.validate(runRequest(null));
    }

    @Test
    void aModelOutsideTheSuitesScopeIsNotEvaluated() {
        EvaluationSuite highOnly = EvaluationSuite.define(
                new CreateSuiteRequest(
                        "high-only",
                        null,
                        List.of("HIGH", "CRITICAL"),
                        List.of("payments"),
                        Evaluations.json("[{\"name\":\"i\",\"kind\":\"INTEGRITY\"}]")),
                "alice");
        assertThatThrownBy(() -> EvaluationRun.request(
                        highOnly, model(RiskTier.LOW, "payments"), UUID.randomUUID(), runRequest(null), "bob"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("suite");
                    assertThat(e.errors().get(0).message())
                            .isEqualTo("the suite high-only is for risk tiers [HIGH, CRITICAL], not LOW");
                });
        assertThatThrownBy(() -> EvaluationRun.request(
                        highOnly, model(RiskTier.HIGH, "lending"), UUID.randomUUID(), runRequest(null), "bob"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).message())
                                .isEqualTo("the suite high-only is for the groups [payments], not lending"));
        EvaluationRun run = EvaluationRun.request(
                highOnly, model(RiskTier.CRITICAL, "payments"), UUID.randomUUID(), runRequest(null), "bob");
        assertThat(run.metricsJson()).isEmpty();
    }
}
