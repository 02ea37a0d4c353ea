package org.modelregistry.domain.governance;

import java.time.OffsetDateTime;
import java.time.Period;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.governance.Decision;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.ContentChangedException;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.TransitionNotAllowedException;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelVersion;

/**
 * One review round of a version, judged by what its {@link ReviewSnapshot} fixed at submission: who may decide
 * (four eyes: nobody who owned the model or submitted the version, and nobody twice), how many approvals the
 * snapshot's risk tier needs ({@link ApprovalRules}), how long an approval stays valid, and what each decision does
 * to the version (REQUEST_CHANGES and REJECT at once, APPROVE once the approvals suffice). The lifecycle service
 * only loads the round, stores what it returns and asks the policies.
 */
public final class ReviewRound {

    /**
     * What one decision did: the decision to store, the approvals of the round counting it, the approvals the tier
     * needs, and the state the decision moves the version to: CHANGES_REQUESTED, REJECTED, APPROVED (if the policies
     * allow it), or null while more approvals are needed.
     */
    public record Outcome(Approval approval, long approvals, int required, VersionState state) {}

    private final ModelVersion version;
    private final ReviewSnapshot snapshot;
    private final List<Approval> decisions;
    private final ApprovalRules rules;

    /**
     * @param decisions the decisions already taken in the snapshot's round
     */
    public ReviewRound(ModelVersion version, ReviewSnapshot snapshot, List<Approval> decisions, ApprovalRules rules) {
        if (snapshot.getReviewRound() != version.getReviewRound()) {
            throw new IllegalArgumentException("the snapshot of round " + snapshot.getReviewRound()
                    + " does not judge round " + version.getReviewRound());
        }
        this.version = version;
        this.snapshot = snapshot;
        this.decisions = List.copyOf(decisions);
        this.rules = rules;
    }

    /**
     * The checks made before the round's snapshot is read: a reviewer is neither an owner of the model as it is now
     * nor the version's submitter (403), and only a version in review takes decisions (409).
     */
    public static void requireOpen(Model model, ModelVersion version, String reviewer) {
        if (model.getOwners().contains(reviewer) || reviewer.equals(version.getSubmittedBy())) {
            throw new ForbiddenException(
                    "Four eyes: an owner of the model or the submitter of the version cannot" + " review it");
        }
        if (version.getState() != VersionState.IN_REVIEW) {
            throw new ConflictException(
                    "Version " + version.getVersion() + " is " + version.getState() + ", not IN_REVIEW", "state");
        }
    }

    /** The tier the review was submitted under, whatever the model says now. */
    public RiskTier tier() {
        return snapshot.getRiskTier();
    }

    /** How many distinct approvals approve the version in this round. */
    public int required() {
        return rules.required(tier());
    }

    /** How long an approval given in this round stays valid, or null when it does not expire. */
    public Period validity() {
        return rules.validity(tier());
    }

    /**
     * When the approval a round gave ends: at the earliest expiry among its approvals (empty when none expires).
     * An expired one keeps the version out of protected aliases until a new round approves it again.
     */
    public static Optional<OffsetDateTime> approvalExpiry(List<Approval> decisions) {
        return decisions.stream()
                .filter(a -> a.getDecision() == Decision.APPROVE && a.getExpiresAt() != null)
                .map(Approval::getExpiresAt)
                .min(Comparator.naturalOrder());
    }

    /** The approvals given so far in this round. */
    public long approvals() {
        return decisions.stream()
                .filter(a -> a.getDecision() == Decision.APPROVE)
                .count();
    }

    /**
     * Records one reviewer's decision.
     *
     * @param currentDigest the digest of the version's content now, asked for once the reviewer is known to be
     *     independent
     * @throws ForbiddenException when the reviewer owned the model or submitted the version at submission
     * @throws ContentChangedException when the content is no longer the content submitted for the round
     * @throws ConflictException when the reviewer has already decided in this round
     */
    public Outcome decide(String reviewer, Decision decision, String comment, Supplier<String> currentDigest) {
        requireIndependent(reviewer);
        requireSubmittedContent(currentDigest.get());
        if (decisions.stream().anyMatch(a -> a.getReviewer().equals(reviewer))) {
            throw new ConflictException(
                    reviewer + " has already decided in review round " + snapshot.getReviewRound(), "decision");
        }
        Approval approval = new Approval(
                version.getModelId(),
                version.getId(),
                snapshot.getReviewRound(),
                reviewer,
                decision,
                comment,
                validity(),
                snapshot.getContentDigest());
        long approvals = approvals() + (decision == Decision.APPROVE ? 1 : 0);
        VersionState state = switch (decision) {
            case REQUEST_CHANGES -> VersionState.CHANGES_REQUESTED;
            case REJECT -> VersionState.REJECTED;
            case APPROVE -> approvals >= required() ? VersionState.APPROVED : null;
        };
        return new Outcome(approval, approvals, required(), state);
    }

    /**
     * Four eyes, judged against the review as submitted: a reviewer is neither one of the owners at submission nor
     * the submitter (dropping oneself from the owners later does not make one independent).
     */
    public void requireIndependent(String reviewer) {
        if (snapshot.getOwners().contains(reviewer) || reviewer.equals(snapshot.getSubmittedBy())) {
            throw new ForbiddenException("Four eyes: an owner of the model or the submitter of the version (as of"
                    + " its submission for review round " + snapshot.getReviewRound() + ") cannot review it");
        }
    }

    /** 409 {@code content-changed} unless the version's content is still the content submitted for the round. */
    public void requireSubmittedContent(String currentDigest) {
        if (!currentDigest.equals(snapshot.getContentDigest())) {
            throw new ContentChangedException(version.getVersion(), snapshot.getContentDigest(), currentDigest);
        }
    }

    /**
     * 409 {@code transition-not-allowed} unless the approvals of the round suffice: an owner moving a version that
     * policies held in review on to APPROVED cannot skip the count.
     */
    public void requireEnoughApprovals() {
        long approvals = approvals();
        if (approvals < required()) {
            throw new TransitionNotAllowedException(
                    version.getState().name(),
                    VersionState.APPROVED.name(),
                    Lifecycle.requestable(version.getState(), version.isContentFrozen()).stream()
                            .map(Enum::name)
                            .toList(),
                    "a " + tier() + " risk version needs " + required() + " approvals in this review round, it has "
                            + approvals);
        }
    }

    /** Moves the version to the outcome of the round; an approval freezes the content the snapshot names. */
    public void conclude(VersionState outcome, String actor) {
        version.decided(outcome, outcome == VersionState.APPROVED ? snapshot.getContentDigest() : null, actor);
    }

    public ReviewSnapshot snapshot() {
        return snapshot;
    }
}
