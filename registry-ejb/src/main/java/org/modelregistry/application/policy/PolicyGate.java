package org.modelregistry.application.policy;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.policy.PolicyCheckDto;
import org.modelregistry.api.policy.PolicyOutcomeDto;
import org.modelregistry.api.policy.PolicyResult;
import org.modelregistry.api.policy.PolicySeverity;
import org.modelregistry.api.problem.PolicyViolationException;
import org.modelregistry.application.audit.AttemptLog;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.application.shared.RequestMetadata;
import org.modelregistry.domain.catalog.Artifact;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.catalog.VersionContent;
import org.modelregistry.domain.governance.Approval;
import org.modelregistry.domain.governance.ReviewSnapshot;
import org.modelregistry.domain.policy.DeploymentFact;
import org.modelregistry.domain.policy.EvaluationFact;
import org.modelregistry.domain.policy.Policy;
import org.modelregistry.domain.policy.PolicyEngine;
import org.modelregistry.domain.policy.PolicyEvaluation;
import org.modelregistry.domain.policy.PolicyInput;
import org.modelregistry.domain.policy.PolicyRevision;

/**
 * Evaluates the policies that gate a move of a version, over the documented input (docs/governance.md), and stores
 * what they said: in the caller's transaction when the move goes through, in a transaction of its own (with an
 * audit record of the denied attempt) when a blocking policy stops it.
 */
@ApplicationScoped
public class PolicyGate {

    /** Most artifacts a policy input lists; a version with more is refused by the gate rather than misjudged. */
    public static final int MAX_ARTIFACTS = 10_000;

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    ModelRepository models;

    @Inject
    PolicySettings settings;

    @Inject
    CurrentCaller caller;

    @Inject
    RequestMetadata request;

    @EJB
    AttemptLog attempts;

    /** One evaluation of the policies in scope of a move. */
    public record Verdict(
            UUID attemptId,
            Model model,
            ModelVersion version,
            VersionState from,
            VersionState to,
            String environment,
            PolicyInput input,
            List<PolicyOutcomeDto> outcomes) {

        public boolean allowed() {
            return failing().isEmpty();
        }

        /** The failed or errored BLOCKING policies. */
        public List<PolicyOutcomeDto> failing() {
            return outcomes.stream()
                    .filter(o -> o.severity() == PolicySeverity.BLOCKING && o.result() != PolicyResult.PASS)
                    .toList();
        }

        public PolicyCheckDto toCheck() {
            return new PolicyCheckDto(from, to, environment, allowed(), input.digest(), outcomes);
        }
    }

    public Verdict evaluate(Model model, ModelVersion version, VersionState to, String environment) {
        return evaluate(model, model.getRiskTier(), version, to, environment);
    }

    /**
     * Evaluates the policies in force for a model of the given risk tier: a decision in review is judged by the tier
     * of the review's snapshot, whatever the model says now.
     */
    public Verdict evaluate(Model model, RiskTier tier, ModelVersion version, VersionState to, String environment) {
        return evaluate(model, tier, version, to, environment, List.of());
    }

    /**
     * Evaluates the policies in force now and, besides them, the revisions {@code pinned} by a review's snapshot
     * that are no longer in force as they were (changed, disabled or rescoped since the submission): a policy
     * weakened during a review does not weaken that review. Both must allow the move.
     */
    public Verdict evaluate(
            Model model,
            RiskTier tier,
            ModelVersion version,
            VersionState to,
            String environment,
            List<ReviewSnapshot.PolicyRef> pinned) {
        List<Policy> policies = inForce(model, tier, to);
        PolicyInput input = input(model, tier, version, to, environment);
        var variables = input.variables();
        List<PolicyOutcomeDto> outcomes = new ArrayList<>();
        for (Policy p : policies) {
            outcomes.add(outcome(
                    p.getId(),
                    p.getName(),
                    p.getPolicyVersion(),
                    p.getSeverity(),
                    p.getExpression(),
                    p.getMessage(),
                    variables));
        }
        for (ReviewSnapshot.PolicyRef ref : pinned) {
            boolean unchanged = policies.stream()
                    .anyMatch(p -> p.getId().equals(ref.id()) && p.getPolicyVersion() == ref.version());
            PolicyRevision revision =
                    unchanged ? null : em.find(PolicyRevision.class, new PolicyRevision.Key(ref.id(), ref.version()));
            if (revision != null) {
                outcomes.add(outcome(
                        ref.id(),
                        ref.name(),
                        ref.version(),
                        PolicySeverity.valueOf(revision.getSeverity()),
                        revision.getExpression(),
                        revision.getMessage() + " (version " + ref.version() + ", in force when the version was"
                                + " submitted)",
                        variables));
            }
        }
        return new Verdict(
                UUID.randomUUID(), model, version, version.getState(), to, environment, input, List.copyOf(outcomes));
    }

    private static PolicyOutcomeDto outcome(
            UUID id,
            String name,
            int version,
            PolicySeverity severity,
            String expression,
            String message,
            Map<String, Object> variables) {
        PolicyEngine.Outcome o = PolicyEngine.evaluate(expression, variables);
        PolicyResult result =
                o.error() != null ? PolicyResult.ERROR : o.passed() ? PolicyResult.PASS : PolicyResult.FAIL;
        String text = switch (result) {
            case PASS -> null;
            case FAIL -> message;
            case ERROR -> message + " (evaluation error: " + o.error() + ")";
        };
        return new PolicyOutcomeDto(id, name, version, severity, result, text);
    }

    /** The enabled policies that gate a move of a model's version to {@code to}, for a model of this risk tier. */
    public List<Policy> inForce(Model model, RiskTier tier, VersionState to) {
        return em.createNamedQuery("Policy.findEnabled", Policy.class)
                .getResultStream()
                .filter(p -> p.appliesTo(model.getOrganizationId(), tier, model.getGroup(), to))
                .toList();
    }

    /**
     * Evaluates and either stores the verdict in the caller's transaction (allowed) or stores it in a transaction
     * of its own and throws 422 {@code policy-violation} (blocked).
     */
    public Verdict enforce(Model model, ModelVersion version, VersionState to, String environment) {
        return enforce(model, model.getRiskTier(), version, to, environment);
    }

    /** {@link #enforce(Model, ModelVersion, VersionState, String)} for a model of the given risk tier. */
    public Verdict enforce(Model model, RiskTier tier, ModelVersion version, VersionState to, String environment) {
        return enforce(model, tier, version, to, environment, List.of());
    }

    /** {@link #enforce}, with the revisions a review's snapshot pinned evaluated too. */
    public Verdict enforce(
            Model model,
            RiskTier tier,
            ModelVersion version,
            VersionState to,
            String environment,
            List<ReviewSnapshot.PolicyRef> pinned) {
        Verdict verdict = evaluate(model, tier, version, to, environment, pinned);
        if (verdict.allowed()) {
            rows(verdict, true).forEach(em::persist);
            return verdict;
        }
        attempts.blocked(
                rows(verdict, false),
                caller.get().username(),
                "version.transition.blocked",
                version.getId(),
                model.getOrganizationId(),
                Json.createObjectBuilder()
                        .add("from", verdict.from().name())
                        .add("to", to.name())
                        .add("inputDigest", verdict.input().digest())
                        .add("failing", names(verdict.failing()))
                        .build());
        throw new PolicyViolationException(
                verdict.from().name(),
                to.name(),
                verdict.failing(),
                verdict.input().digest());
    }

    /** Stores a verdict in the caller's transaction with the given outcome (a decision recorded, a move held). */
    public void store(Verdict verdict, boolean allowed) {
        rows(verdict, allowed).forEach(em::persist);
    }

    static JsonArrayBuilder names(List<PolicyOutcomeDto> outcomes) {
        JsonArrayBuilder names = Json.createArrayBuilder();
        outcomes.forEach(o -> names.add(o.policy()));
        return names;
    }

    private List<PolicyEvaluation> rows(Verdict v, boolean allowed) {
        String actor = caller.get().username();
        String requestId = requestId();
        List<PolicyEvaluation> rows = new ArrayList<>();
        for (PolicyOutcomeDto o : v.outcomes()) {
            rows.add(new PolicyEvaluation(
                    v.attemptId(),
                    o,
                    v.model().getId(),
                    v.version().getId(),
                    v.from(),
                    v.to(),
                    v.environment(),
                    v.input().digest(),
                    allowed,
                    actor,
                    requestId));
        }
        return rows;
    }

    private String requestId() {
        try {
            return request.requestId();
        } catch (ContextNotActiveException e) {
            return null;
        }
    }

    private PolicyInput input(Model m, RiskTier tier, ModelVersion v, VersionState to, String environment) {
        String organization =
                models.organization(m.getOrganizationId()).map(o -> o.getSlug()).orElse("");
        JsonObjectBuilder model = Json.createObjectBuilder()
                .add("id", m.getId().toString())
                .add("organization", organization)
                .add("group", m.getGroup())
                .add("name", m.getName())
                .add("riskTier", tier.name())
                .add("owners", Json.createArrayBuilder(m.getOwners()))
                .add("tags", Json.createArrayBuilder(m.getTags()));
        if (m.getDescription() != null) {
            model.add("description", m.getDescription());
        }
        JsonObjectBuilder version = Json.createObjectBuilder()
                .add("id", v.getId().toString())
                .add("version", v.getVersion())
                .add("state", v.getState().name())
                .add("metadata", v.getMetadata())
                .add("reviewRound", v.getReviewRound())
                .add("createdBy", v.getCreatedBy())
                .add("createdAt", v.getCreatedAt().toString());
        addIfSet(version, "commitSha", v.getCommitSha());
        addIfSet(version, "description", v.getDescription());
        addIfSet(version, "sourceUri", v.getSourceUri());
        addIfSet(version, "submittedBy", v.getSubmittedBy());
        JsonArrayBuilder artifacts = Json.createArrayBuilder();
        List<Artifact> list = models.listArtifacts(v.getId(), null, MAX_ARTIFACTS + 1);
        if (list.size() > MAX_ARTIFACTS) {
            throw new IllegalStateException("More than " + MAX_ARTIFACTS + " artifacts: policies cannot judge them");
        }
        for (Artifact a : list) {
            artifacts.add(VersionContent.artifact(a).add("stored", a.isStored()));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        JsonArrayBuilder approvals = Json.createArrayBuilder();
        em.createNamedQuery("Approval.findByRound", Approval.class)
                .setParameter("versionId", v.getId())
                .setParameter("round", v.getReviewRound())
                .getResultStream()
                .forEach(a -> {
                    JsonObjectBuilder item = Json.createObjectBuilder()
                            .add("reviewer", a.getReviewer())
                            .add("decision", a.getDecision().name())
                            .add("reviewRound", a.getReviewRound())
                            .add("decidedAt", a.getDecidedAt().toString())
                            .add("expired", a.isExpired(now));
                    if (a.getExpiresAt() != null) {
                        item.add("expiresAt", a.getExpiresAt().toString());
                    }
                    approvals.add(item);
                });
        JsonObjectBuilder req = Json.createObjectBuilder()
                .add("actor", caller.get().username())
                .add("from", v.getState().name())
                .add("to", to.name())
                .add("time", DateTimeFormatter.ISO_INSTANT.format(now.withNano(0)))
                .add("inChangeWindow", settings.changeWindow().isOpen(now.toZonedDateTime()));
        addIfSet(req, "environment", environment);
        return new PolicyInput(Json.createObjectBuilder()
                .add("model", model)
                .add("version", version)
                .add("artifacts", artifacts)
                .add("evaluations", evaluations(v))
                .add("approvals", approvals)
                .add("deployments", deployments(v))
                .add("request", req)
                .build());
    }

    /** The version's evaluation runs: {id, suite, suiteVersion, status (QUEUED ... PASSED), finishedAt?}. */
    private JsonArrayBuilder evaluations(ModelVersion v) {
        JsonArrayBuilder runs = Json.createArrayBuilder();
        em.createNamedQuery("PolicyEvaluation.evaluationsOfVersion", EvaluationFact.class)
                .setParameter(1, v.getId().toString())
                .getResultStream()
                .forEach(run -> runs.add(run.toJson()));
        return runs;
    }

    /** The version's deployments: {id, target, environment, status (REQUESTED ... FAILED), finishedAt?}. */
    private JsonArrayBuilder deployments(ModelVersion v) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        em.createNamedQuery("PolicyEvaluation.deploymentsOfVersion", DeploymentFact.class)
                .setParameter(1, v.getId().toString())
                .getResultStream()
                .forEach(d -> list.add(d.toJson()));
        return list;
    }

    private static void addIfSet(JsonObjectBuilder b, String key, String value) {
        if (value != null && !value.isEmpty()) {
            b.add(key, value);
        }
    }
}
