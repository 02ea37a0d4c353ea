package org.modelregistry.application.governance;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.governance.ApprovalDto;
import org.modelregistry.api.governance.Decision;
import org.modelregistry.api.governance.LifecycleService;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.application.catalog.CatalogMapper;
import org.modelregistry.application.catalog.ModelAccess;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.application.policy.PolicyGate;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.governance.Approval;
import org.modelregistry.domain.governance.ReviewRound;
import org.modelregistry.domain.governance.ReviewSnapshot;
import org.modelregistry.domain.identity.Caller;

/**
 * The lifecycle of versions. Owners submit, withdraw, deprecate and retire; reviewers decide. Four eyes: a reviewer
 * is neither an owner of the model nor the one who submitted the version (as of the submission), and each counts
 * once per review round. Each submission takes a {@link ReviewSnapshot}; decisions count, expire and are gated by it,
 * and only on the content it names.
 */
@Stateless
@Local(LifecycleService.class)
public class LifecycleServiceBean implements LifecycleService {

    @Inject
    ModelRepository models;

    @Inject
    ModelAccess access;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditTrail audit;

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    PolicyGate policies;

    @Inject
    ApprovalSettings approvalSettings;

    @Inject
    ReviewedContent reviewed;

    @Inject
    Aliases aliases;

    @Override
    public ModelVersionDto transition(UUID modelId, String version, VersionState to, String comment) {
        if (to == null) {
            throw new InvalidInputException("to", "is required: one of " + List.of(VersionState.values()));
        }
        Model model = access.changeable(modelId);
        requireContributor(model);
        ModelVersion v = access.version(modelId, version);
        VersionState from = v.getState();
        String actor = caller.get().username();
        if (to == VersionState.APPROVED && from == VersionState.IN_REVIEW) {
            return approveHeld(model, v, actor, comment);
        }
        v.requireRequestable(to);
        if (to == VersionState.IN_REVIEW) {
            reviewed.requireApprovedContent(v); // a re-review judges the content that was approved, nothing else
        }
        PolicyGate.Verdict verdict = policies.enforce(model, v, to, null);
        v.requestTransition(to, actor);
        JsonObjectBuilder details = Json.createObjectBuilder()
                .add("from", from.name())
                .add("to", to.name())
                .add("comment", comment == null ? "" : comment)
                .add("reviewRound", v.getReviewRound())
                .add("policies", policyOutcomes(verdict));
        if (to == VersionState.IN_REVIEW) {
            ReviewSnapshot snapshot = takeSnapshot(model, v);
            details.add("snapshot", snapshotDetails(snapshot));
        }
        if (from == VersionState.APPROVED || from == VersionState.DEPLOYED) {
            details.add(
                    "aliasesCleared",
                    Json.createArrayBuilder(aliases.clearProtected(
                            model, v, actor, "version " + v.getVersion() + " left " + from + " for " + to)));
        }
        models.flush();
        audit.record(
                actor, "version.transition", "model_version", v.getId(), model.getOrganizationId(), details.build());
        return CatalogMapper.toDto(v);
    }

    /**
     * Owners move versions as contributors: an owner who holds only VIEWER (or DEPLOYER...) in the model's organization
     * may not, in the console as through the API (whose resource also asks for CONTRIBUTOR or ADMIN).
     */
    private void requireContributor(Model model) {
        Caller who = caller.get();
        UUID organization = model.getOrganizationId();
        if (!who.registryAdmin() && !who.has(organization, Role.CONTRIBUTOR) && !who.has(organization, Role.ADMIN)) {
            throw new ForbiddenException(
                    "Moving versions takes the CONTRIBUTOR or ADMIN role in the model's organization");
        }
    }

    /** Records what this submission puts up for review (the version has just entered its new round). */
    private ReviewSnapshot takeSnapshot(Model model, ModelVersion v) {
        List<ReviewSnapshot.PolicyRef> inForce =
                policies.inForce(model, model.getRiskTier(), VersionState.APPROVED).stream()
                        .map(p -> new ReviewSnapshot.PolicyRef(p.getId(), p.getName(), p.getPolicyVersion()))
                        .toList();
        ReviewSnapshot snapshot = ReviewSnapshot.take(model, v, reviewed.digest(v), inForce);
        em.persist(snapshot);
        return snapshot;
    }

    /**
     * The snapshot of the version's current review round. A version that entered review before snapshots were kept
     * gets one on its first decision, from the model as it is then (its tier and owners are fixed from then on).
     */
    private ReviewSnapshot snapshot(Model model, ModelVersion v) {
        return em.createNamedQuery("ReviewSnapshot.findByRound", ReviewSnapshot.class)
                .setParameter("versionId", v.getId())
                .setParameter("round", v.getReviewRound())
                .getResultStream()
                .findFirst()
                .orElseGet(() -> takeSnapshot(model, v));
    }

    private static JsonObjectBuilder snapshotDetails(ReviewSnapshot s) {
        return Json.createObjectBuilder()
                .add("riskTier", s.getRiskTier().name())
                .add("owners", Json.createArrayBuilder(s.getOwners()))
                .add("submittedBy", s.getSubmittedBy())
                .add("contentDigest", s.getContentDigest())
                .add("policies", s.getPolicies());
    }

    /** The version's current review round, judged by its snapshot and the decisions taken in it so far. */
    private ReviewRound round(Model model, ModelVersion v) {
        ReviewSnapshot snapshot = snapshot(model, v);
        List<Approval> decisions = em.createNamedQuery("Approval.findByRound", Approval.class)
                .setParameter("versionId", v.getId())
                .setParameter("round", v.getReviewRound())
                .getResultList();
        return new ReviewRound(v, snapshot, decisions, approvalSettings.rules());
    }

    /**
     * A version whose approvals sufficed but which blocking policies held in review moves on once they allow it
     * (asked for by an owner with {@code to: APPROVED}); without enough approvals it stays where it is.
     */
    private ModelVersionDto approveHeld(Model model, ModelVersion v, String actor, String comment) {
        ReviewRound round = round(model, v);
        ReviewSnapshot snapshot = round.snapshot();
        round.requireSubmittedContent(reviewed.digest(v));
        round.requireEnoughApprovals();
        PolicyGate.Verdict verdict =
                policies.enforce(model, round.tier(), v, VersionState.APPROVED, null, snapshot.getPinnedPolicies());
        round.conclude(VersionState.APPROVED, actor);
        models.flush();
        audit.record(
                actor,
                "version.transition",
                "model_version",
                v.getId(),
                model.getOrganizationId(),
                Json.createObjectBuilder()
                        .add("from", VersionState.IN_REVIEW.name())
                        .add("to", VersionState.APPROVED.name())
                        .add("comment", comment == null ? "" : comment)
                        .add("reviewRound", v.getReviewRound())
                        .add("approvals", round.approvals())
                        .add("required", round.required())
                        .add("riskTier", round.tier().name())
                        .add("contentDigest", snapshot.getContentDigest())
                        .add("policies", policyOutcomes(verdict))
                        .build());
        return CatalogMapper.toDto(v);
    }

    private static JsonObjectBuilder policyOutcomes(PolicyGate.Verdict verdict) {
        JsonObjectBuilder outcomes =
                Json.createObjectBuilder().add("inputDigest", verdict.input().digest());
        verdict.outcomes()
                .forEach(o -> outcomes.add(
                        o.policy() + "@" + o.policyVersion(), o.result().name()));
        return outcomes;
    }

    @Override
    public ApprovalDto decide(UUID modelId, String version, Decision decision, String comment) {
        if (decision == null) {
            throw new InvalidInputException("decision", "is required: one of " + List.of(Decision.values()));
        }
        Model model = access.visible(modelId);
        ModelVersion v = access.version(modelId, version);
        Caller who = caller.get();
        String reviewer = who.username();
        if (!who.has(model.getOrganizationId(), Role.REVIEWER)) {
            throw new ForbiddenException("Deciding on versions takes the REVIEWER role in the model's organization");
        }
        ReviewRound.requireOpen(model, v, reviewer);
        ReviewRound round = round(model, v);
        ReviewSnapshot snapshot = round.snapshot();
        // the review is judged by the tier it was submitted under, whatever the model says now
        ReviewRound.Outcome decided = round.decide(reviewer, decision, comment, () -> reviewed.digest(v));
        Approval approval = decided.approval();
        em.persist(approval);
        VersionState outcome = decided.state();
        List<String> heldBy = List.of();
        JsonObjectBuilder policyDetails = Json.createObjectBuilder();
        if (outcome == VersionState.APPROVED) {
            // the approvals suffice; the version moves on only if every blocking policy allows it
            // the policies in force now, and those pinned at submission as they were then
            PolicyGate.Verdict verdict = policies.evaluate(
                    model, round.tier(), v, VersionState.APPROVED, null, snapshot.getPinnedPolicies());
            policies.store(verdict, verdict.allowed());
            policyDetails = policyOutcomes(verdict);
            if (!verdict.allowed()) {
                heldBy = verdict.failing().stream().map(f -> f.policy()).toList();
                outcome = null;
            }
        }
        if (outcome != null) {
            round.conclude(outcome, reviewer);
        }
        models.flush();
        audit.record(
                reviewer,
                "version.decision",
                "model_version",
                v.getId(),
                model.getOrganizationId(),
                Json.createObjectBuilder()
                        .add("decision", decision.name())
                        .add("reviewRound", v.getReviewRound())
                        .add("approvals", decided.approvals())
                        .add("required", decided.required())
                        .add("riskTier", round.tier().name())
                        .add("contentDigest", snapshot.getContentDigest())
                        .add("state", v.getState().name())
                        .add("heldBy", Json.createArrayBuilder(heldBy))
                        .add("policies", policyDetails)
                        .build());
        return new ApprovalDto(
                approval.getId(),
                v.getVersion(),
                approval.getReviewRound(),
                approval.getReviewer(),
                approval.getDecision(),
                approval.getComment(),
                approval.getDecidedAt(),
                approval.getExpiresAt(),
                approval.getContentDigest(),
                v.getState(),
                heldBy);
    }

    @Override
    public List<ApprovalDto> approvals(UUID modelId, String version) {
        access.visible(modelId);
        ModelVersion v = access.version(modelId, version);
        return em.createNamedQuery("Approval.findByVersion", Approval.class)
                .setParameter("versionId", v.getId())
                .getResultStream()
                .map(a -> toDto(a, v.getVersion()))
                .toList();
    }

    private static ApprovalDto toDto(Approval a, String version) {
        return new ApprovalDto(
                a.getId(),
                version,
                a.getReviewRound(),
                a.getReviewer(),
                a.getDecision(),
                a.getComment(),
                a.getDecidedAt(),
                a.getExpiresAt(),
                a.getContentDigest());
    }
}
