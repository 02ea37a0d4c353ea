package org.modelregistry.domain.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.TransitionNotAllowedException;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.catalog.Owners;

class LifecycleTest {

    private static final String DIGEST = "a".repeat(64);

    private static ModelVersion draft() {
        Model m = Model.register(
                UUID.randomUUID(),
                new CreateModelRequest(null, "g", "m", null, null, RiskTier.HIGH, null),
                "alice",
                Owners.EVERYONE);
        return ModelVersion.register(m, new CreateVersionRequest("1.0.0", null, null, null, null), "alice");
    }

    @Test
    void ownersMoveOnlyAlongTheLifecycle() {
        assertThat(Lifecycle.requestable(VersionState.DRAFT)).containsExactly(VersionState.IN_REVIEW);
        assertThat(Lifecycle.requestable(VersionState.RETIRED)).isEmpty();
        assertThat(Lifecycle.isRequestable(VersionState.IN_REVIEW, VersionState.APPROVED))
                .isFalse();
        assertThat(Lifecycle.whyNot(VersionState.IN_REVIEW, VersionState.APPROVED))
                .contains("approvals");
        assertThat(Lifecycle.whyNot(VersionState.APPROVED, VersionState.DEPLOYED))
                .contains("deployment");
    }

    @Test
    void submittingStartsANewReviewRoundAndRecordsTheSubmitter() {
        ModelVersion v = draft();
        v.requestTransition(VersionState.IN_REVIEW, "alice");
        assertThat(v.getReviewRound()).isEqualTo(1);
        assertThat(v.getSubmittedBy()).isEqualTo("alice");
        v.decided(VersionState.CHANGES_REQUESTED, null, "rita");
        v.requestTransition(VersionState.DRAFT, "alice");
        v.requestTransition(VersionState.IN_REVIEW, "bob");
        assertThat(v.getReviewRound()).isEqualTo(2);
        assertThat(v.getSubmittedBy()).isEqualTo("bob");
    }

    @Test
    void forbiddenMovesListWhatIsAllowed() {
        ModelVersion v = draft();
        assertThatThrownBy(() -> v.requestTransition(VersionState.APPROVED, "alice"))
                .isInstanceOfSatisfying(
                        TransitionNotAllowedException.class,
                        e -> assertThat(e.extensions().get("allowedTransitions"))
                                .isEqualTo(List.of("IN_REVIEW")));
        assertThatThrownBy(() -> v.decided(VersionState.APPROVED, DIGEST, "rita"))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void anApprovedVersionNeverReturnsToDraft() {
        ModelVersion v = draft();
        v.requestTransition(VersionState.IN_REVIEW, "alice");
        v.decided(VersionState.APPROVED, DIGEST, "rita");
        assertThat(v.isContentFrozen()).isTrue();
        assertThat(v.getApprovedDigest()).isEqualTo(DIGEST);
        // the attack: a re-review, then withdraw to DRAFT and edit
        v.requestTransition(VersionState.IN_REVIEW, "alice");
        assertThatThrownBy(() -> v.requestTransition(VersionState.DRAFT, "alice"))
                .isInstanceOfSatisfying(TransitionNotAllowedException.class, e -> {
                    assertThat(e.getMessage()).contains("frozen");
                    assertThat(e.extensions().get("allowedTransitions")).isEqualTo(List.of("DEPRECATED"));
                });
        // a re-review that asks for changes cannot reopen the content either
        v.decided(VersionState.CHANGES_REQUESTED, null, "rita");
        assertThatThrownBy(() -> v.requestTransition(VersionState.DRAFT, "alice"))
                .isInstanceOf(TransitionNotAllowedException.class);
        assertThat(Lifecycle.requestable(VersionState.CHANGES_REQUESTED, true))
                .containsExactly(VersionState.IN_REVIEW, VersionState.DEPRECATED);
        assertThatThrownBy(() -> v.revise(new CreateVersionRequest("1.0.0", null, null, "changed", null), "alice"))
                .isInstanceOf(ConflictException.class);
        assertThat(v.getApprovedDigest()).isEqualTo(DIGEST);
    }

    @Test
    void beforeAFirstApprovalChangesRequestedStillLeadsBackToDraft() {
        ModelVersion v = draft();
        v.requestTransition(VersionState.IN_REVIEW, "alice");
        v.decided(VersionState.CHANGES_REQUESTED, null, "rita");
        assertThat(v.isContentFrozen()).isFalse();
        v.requestTransition(VersionState.DRAFT, "alice");
        v.revise(new CreateVersionRequest("1.0.0", null, null, "amended", null), "alice");
        assertThat(v.getDescription()).isEqualTo("amended");
    }

    @Test
    void anApprovalNamesTheContentItApproved() {
        ModelVersion v = draft();
        v.requestTransition(VersionState.IN_REVIEW, "alice");
        assertThatThrownBy(() -> v.decided(VersionState.APPROVED, null, "rita"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(v.getState()).isEqualTo(VersionState.IN_REVIEW);
    }
}
