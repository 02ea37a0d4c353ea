package org.modelregistry.domain.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.TransitionNotAllowedException;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelVersion;

class LifecycleTest {

    private static ModelVersion draft() {
        Model m = Model.register(java.util.UUID.randomUUID(), new CreateModelRequest(null, "g", "m", null, null,
                RiskTier.HIGH, null), "alice");
        return ModelVersion.register(m, new CreateVersionRequest("1.0.0", null, null, null, null), "alice");
    }

    @Test
    void ownersMoveOnlyAlongTheLifecycle() {
        assertThat(Lifecycle.requestable(VersionState.DRAFT)).containsExactly(VersionState.IN_REVIEW);
        assertThat(Lifecycle.requestable(VersionState.RETIRED)).isEmpty();
        assertThat(Lifecycle.isRequestable(VersionState.IN_REVIEW, VersionState.APPROVED)).isFalse();
        assertThat(Lifecycle.whyNot(VersionState.IN_REVIEW, VersionState.APPROVED)).contains("approvals");
        assertThat(Lifecycle.whyNot(VersionState.APPROVED, VersionState.DEPLOYED)).contains("deployment");
    }

    @Test
    void submittingStartsANewReviewRoundAndRecordsTheSubmitter() {
        ModelVersion v = draft();
        v.requestTransition(VersionState.IN_REVIEW, "alice");
        assertThat(v.getReviewRound()).isEqualTo(1);
        assertThat(v.getSubmittedBy()).isEqualTo("alice");
        v.decided(VersionState.CHANGES_REQUESTED, "rita");
        v.requestTransition(VersionState.DRAFT, "alice");
        v.requestTransition(VersionState.IN_REVIEW, "bob");
        assertThat(v.getReviewRound()).isEqualTo(2);
        assertThat(v.getSubmittedBy()).isEqualTo("bob");
    }

    @Test
    void forbiddenMovesListWhatIsAllowed() {
        ModelVersion v = draft();
        assertThatThrownBy(() -> v.requestTransition(VersionState.APPROVED, "alice"))
                .isInstanceOfSatisfying(TransitionNotAllowedException.class,
                        e -> assertThat(e.extensions().get("allowedTransitions")).isEqualTo(java.util.List.of("IN_REVIEW")));
        assertThatThrownBy(() -> v.decided(VersionState.APPROVED, "rita")).isInstanceOf(ConflictException.class);
    }
}
