package org.modelregistry.domain.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.governance.Decision;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.ContentChangedException;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.TransitionNotAllowedException;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.catalog.Owners;

class ReviewRoundTest {

    private static final String DIGEST = "d".repeat(64);
    private static final ApprovalRules RULES = ApprovalRules.defaults();

    private static Model model(RiskTier tier) {
        return Model.register(
                UUID.randomUUID(),
                new CreateModelRequest(null, "g", "m", null, List.of("alice", "rob"), tier, null),
                "alice",
                Owners.EVERYONE);
    }

    /** A version of the model that alice registered and submitted, with its snapshot. */
    private static final class Review {
        final Model model;
        final ModelVersion version;
        final ReviewSnapshot snapshot;
        final List<Approval> decisions = new ArrayList<>();

        Review(RiskTier tier) {
            model = model(tier);
            version = ModelVersion.register(model, new CreateVersionRequest("1.0.0", null, null, null, null), "alice");
            version.requestTransition(VersionState.IN_REVIEW, "alice");
            snapshot = ReviewSnapshot.take(model, version, DIGEST, List.of());
        }

        ReviewRound round() {
            return new ReviewRound(version, snapshot, decisions, RULES);
        }

        /** Decides as {@code reviewer} and keeps the decision, as the service stores it. */
        ReviewRound.Outcome decide(String reviewer, Decision decision) {
            ReviewRound.Outcome outcome = round().decide(reviewer, decision, "ok", () -> DIGEST);
            decisions.add(outcome.approval());
            return outcome;
        }
    }

    @Test
    void anOwnerOrTheSubmitterOfTheVersionAsItIsNowMayNotDecide() {
        Review review = new Review(RiskTier.LOW);
        assertThatThrownBy(() -> ReviewRound.requireOpen(review.model, review.version, "rob"))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("Four eyes: an owner of the model or the submitter of the version cannot review it");
        assertThatThrownBy(() -> ReviewRound.requireOpen(review.model, review.version, "alice"))
                .isInstanceOf(ForbiddenException.class);
        assertThatCode(() -> ReviewRound.requireOpen(review.model, review.version, "rita"))
                .doesNotThrowAnyException();
    }

    @Test
    void onlyAVersionInReviewTakesDecisions() {
        Model model = model(RiskTier.LOW);
        ModelVersion draft =
                ModelVersion.register(model, new CreateVersionRequest("1.0.0", null, null, null, null), "alice");
        assertThatThrownBy(() -> ReviewRound.requireOpen(model, draft, "rita"))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Version 1.0.0 is DRAFT, not IN_REVIEW");
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("state");
                });
    }

    @Test
    void theOwnersAndSubmitterAtSubmissionNeverReviewAndTheContentIsNotReadForThem() {
        Review review = new Review(RiskTier.CRITICAL);
        AtomicBoolean digestRead = new AtomicBoolean();
        for (String insider : List.of("alice", "rob")) {
            assertThatThrownBy(() -> review.round().decide(insider, Decision.APPROVE, null, () -> {
                        digestRead.set(true);
                        return DIGEST;
                    }))
                    .isInstanceOf(ForbiddenException.class)
                    .hasMessageContaining("as of its submission for review round 1");
        }
        assertThat(digestRead).isFalse();
        assertThatCode(() -> review.round().requireIndependent("rita")).doesNotThrowAnyException();
    }

    @Test
    void aReviewerDecidesOncePerRound() {
        Review review = new Review(RiskTier.CRITICAL);
        review.decide("rita", Decision.APPROVE);
        assertThatThrownBy(() -> review.decide("rita", Decision.REJECT))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("rita has already decided in review round 1");
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("decision");
                });
        assertThat(review.round().approvals()).isEqualTo(1);
    }

    @Test
    void aDecisionOnContentOtherThanTheSubmittedOneIsRefused() {
        Review review = new Review(RiskTier.LOW);
        String other = "e".repeat(64);
        assertThatThrownBy(() -> review.round().decide("rita", Decision.APPROVE, null, () -> other))
                .isInstanceOf(ContentChangedException.class)
                .hasMessageContaining("reviewed " + DIGEST + ", now " + other);
        assertThatThrownBy(() -> review.round().requireSubmittedContent(other))
                .isInstanceOf(ContentChangedException.class);
        review.round().requireSubmittedContent(DIGEST);
    }

    @ParameterizedTest
    @CsvSource({"LOW, 1", "MEDIUM, 1", "HIGH, 2", "CRITICAL, 3"})
    void theTierAtSubmissionSetsHowManyDistinctApprovalsApprove(RiskTier tier, int required) {
        Review review = new Review(tier);
        assertThat(review.round().required()).isEqualTo(required);
        for (int i = 1; i < required; i++) {
            ReviewRound.Outcome outcome = review.decide("reviewer-" + i, Decision.APPROVE);
            assertThat(outcome.state()).isNull(); // still in review: more approvals are needed
            assertThat(outcome.approvals()).isEqualTo(i);
            assertThat(outcome.required()).isEqualTo(required);
        }
        assertThatThrownBy(() -> review.round().requireEnoughApprovals())
                .isInstanceOf(TransitionNotAllowedException.class)
                .hasMessageContaining("a " + tier + " risk version needs " + required
                        + " approvals in this review round, it has " + (required - 1));
        ReviewRound.Outcome last = review.decide("reviewer-" + required, Decision.APPROVE);
        assertThat(last.state()).isEqualTo(VersionState.APPROVED);
        assertThat(last.approvals()).isEqualTo(required);
        assertThatCode(() -> review.round().requireEnoughApprovals()).doesNotThrowAnyException();
    }

    @Test
    void configuredCountsReplaceTheDefaults() {
        Review review = new Review(RiskTier.LOW);
        ReviewRound strict =
                new ReviewRound(review.version, review.snapshot, List.of(), ApprovalRules.parse("LOW=2", "LOW=P1M"));
        assertThat(strict.required()).isEqualTo(2);
        assertThat(strict.validity()).isEqualTo(Period.ofMonths(1));
        assertThat(strict.decide("rita", Decision.APPROVE, null, () -> DIGEST).state())
                .isNull();
    }

    @ParameterizedTest
    @EnumSource(RiskTier.class)
    void requestChangesAndRejectTakeEffectAtOnceWhateverTheApprovals(RiskTier tier) {
        Review changes = new Review(tier);
        changes.decide("rita", Decision.APPROVE);
        assertThat(changes.decide("sam", Decision.REQUEST_CHANGES).state()).isEqualTo(VersionState.CHANGES_REQUESTED);
        Review rejected = new Review(tier);
        ReviewRound.Outcome outcome = rejected.decide("rita", Decision.REJECT);
        assertThat(outcome.state()).isEqualTo(VersionState.REJECTED);
        assertThat(outcome.approvals()).isZero();
    }

    @Test
    void aDecisionNamesItsRoundReviewerAndTheSubmittedContent() {
        Review review = new Review(RiskTier.HIGH);
        Approval a = review.decide("rita", Decision.APPROVE).approval();
        assertThat(a.getReviewRound()).isEqualTo(1);
        assertThat(a.getReviewer()).isEqualTo("rita");
        assertThat(a.getDecision()).isEqualTo(Decision.APPROVE);
        assertThat(a.getComment()).isEqualTo("ok");
        assertThat(a.getContentDigest()).isEqualTo(DIGEST);
    }

    @ParameterizedTest
    @CsvSource({"LOW, ", "MEDIUM, ", "HIGH, P12M", "CRITICAL, P6M"})
    void approvalsExpireAfterTheirTiersValidity(RiskTier tier, String validity) {
        Review review = new Review(tier);
        Approval a = review.decide("rita", Decision.APPROVE).approval();
        if (validity == null) {
            assertThat(a.getExpiresAt()).isNull();
            assertThat(a.isExpired(OffsetDateTime.now().plusYears(100))).isFalse();
        } else {
            assertThat(a.getExpiresAt()).isEqualTo(a.getDecidedAt().plus(Period.parse(validity)));
            assertThat(a.isExpired(a.getExpiresAt().minusSeconds(1))).isFalse();
            assertThat(a.isExpired(a.getExpiresAt().plusSeconds(1))).isTrue();
        }
    }

    @Test
    void rejectionsAndChangeRequestsNeverExpire() {
        Review review = new Review(RiskTier.CRITICAL);
        assertThat(review.decide("rita", Decision.REQUEST_CHANGES).approval().getExpiresAt())
                .isNull();
        assertThat(review.decide("sam", Decision.REJECT).approval().getExpiresAt())
                .isNull();
    }

    @Test
    void aRoundsApprovalEndsWithItsEarliestExpiringApproval() {
        Review review = new Review(RiskTier.HIGH);
        assertThat(ReviewRound.approvalExpiry(List.of())).isEmpty();
        review.decide("rita", Decision.APPROVE);
        review.decide("sam", Decision.APPROVE);
        OffsetDateTime first = review.decisions.get(0).getExpiresAt();
        assertThat(ReviewRound.approvalExpiry(review.decisions)).contains(first);
        Review low = new Review(RiskTier.LOW);
        low.decide("rita", Decision.APPROVE);
        assertThat(ReviewRound.approvalExpiry(low.decisions)).isEmpty();
    }

    @Test
    void concludingAnApprovalFreezesTheSubmittedContent() {
        Review review = new Review(RiskTier.LOW);
        ReviewRound.Outcome outcome = review.decide("rita", Decision.APPROVE);
        review.round().conclude(outcome.state(), "rita");
        assertThat(review.version.getState()).isEqualTo(VersionState.APPROVED);
        assertThat(review.version.isContentFrozen()).isTrue();
        assertThat(review.version.getApprovedDigest()).isEqualTo(DIGEST);
    }

    @Test
    void concludingARejectionLeavesTheContentOpen() {
        Review review = new Review(RiskTier.LOW);
        review.round().conclude(VersionState.REJECTED, "rita");
        assertThat(review.version.getState()).isEqualTo(VersionState.REJECTED);
        assertThat(review.version.isContentFrozen()).isFalse();
    }

    @Test
    void aSnapshotJudgesOnlyItsOwnRound() {
        Review review = new Review(RiskTier.LOW);
        review.version.requestTransition(VersionState.DRAFT, "alice");
        review.version.requestTransition(VersionState.IN_REVIEW, "alice");
        assertThatThrownBy(() -> review.round()).isInstanceOf(IllegalArgumentException.class);
    }
}
