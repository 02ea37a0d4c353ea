package org.modelregistry.application.policy;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.common.RecentFailuresDto;
import org.modelregistry.api.common.RecentFailuresQuery;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.policy.CreatePolicyRequest;
import org.modelregistry.api.policy.PolicyCheckDto;
import org.modelregistry.api.policy.PolicyDto;
import org.modelregistry.api.policy.PolicyEvaluationDto;
import org.modelregistry.api.policy.PolicyRevisionDto;
import org.modelregistry.api.policy.PolicyService;
import org.modelregistry.api.policy.PolicySeverity;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.application.catalog.ModelAccess;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.application.shared.RecentFailures;
import org.modelregistry.domain.catalog.CatalogRules;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.Organization;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.domain.policy.Policy;
import org.modelregistry.domain.policy.PolicyDefinition;
import org.modelregistry.domain.policy.PolicyEngine;
import org.modelregistry.domain.policy.PolicyEvaluation;
import org.modelregistry.domain.policy.PolicyRevision;
import org.modelregistry.domain.shared.FieldErrors;
import org.modelregistry.domain.shared.MergePatch;
import org.modelregistry.domain.shared.Revisions;

/**
 * Policies: global ones (no organization) are managed by registry administrators, an organization's by its ADMINs.
 * Every member sees the global policies and those of their organizations. Each change keeps a revision and an
 * audit record with the definition before and after.
 */
@Stateless
@Local(PolicyService.class)
public class PolicyServiceBean implements PolicyService {

    /** Moves a policy can gate: every state a version is moved into by a request, a decision or a deployment. */
    static final Set<VersionState> GATEABLE = EnumSet.of(
            VersionState.DRAFT,
            VersionState.IN_REVIEW,
            VersionState.APPROVED,
            VersionState.DEPLOYED,
            VersionState.DEPRECATED,
            VersionState.RETIRED);

    private static final int MAX_MESSAGE = 1000;
    private static final int MAX_GROUPS = 50;

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    ModelRepository models;

    @Inject
    CurrentCaller caller;

    @Inject
    ModelAccess access;

    @Inject
    AuditTrail audit;

    @Inject
    RecentFailures failures;

    @Inject
    PolicyGate gate;

    @Override
    public PolicyDto create(CreatePolicyRequest request) {
        String name = request.name();
        String orgSlug = request.organization();
        PolicyDefinition definition = definition(request, name);
        FieldErrors errors = new FieldErrors();
        CatalogRules.dnsLabel(errors, "name", name);
        errors.throwIfAny();
        UUID organizationId = null;
        if (orgSlug != null) {
            Organization org = models.organization(orgSlug)
                    .orElseThrow(() -> new InvalidInputException("organization", "no such organization: " + orgSlug));
            organizationId = org.getId();
        }
        requireManager(organizationId);
        UUID scope = organizationId;
        boolean taken = em.createNamedQuery("Policy.findAll", Policy.class)
                .getResultStream()
                .anyMatch(p -> p.getName().equals(name) && Objects.equals(p.getOrganizationId(), scope));
        if (taken) {
            throw new ConflictException("A policy named " + name + " exists in this scope", "name");
        }
        String actor = caller.get().username();
        Policy policy = new Policy(organizationId, name, definition, actor);
        em.persist(policy);
        em.flush();
        em.persist(new PolicyRevision(policy));
        audit.record(
                actor,
                "policy.create",
                "policy",
                policy.getId(),
                organizationId,
                Json.createObjectBuilder()
                        .add("name", name)
                        .add("after", definitionJson(policy))
                        .build());
        return toDto(policy);
    }

    @Override
    public List<PolicyDto> list() {
        Caller who = caller.get();
        return em.createNamedQuery("Policy.findAll", Policy.class)
                .getResultStream()
                .filter(p -> p.getOrganizationId() == null || who.isMember(p.getOrganizationId()))
                .map(this::toDto)
                .toList();
    }

    @Override
    public PolicyDto get(UUID id) {
        return toDto(visible(id));
    }

    @Override
    public PolicyDto update(UUID id, JsonObject patch, Long expectedRevision) {
        Policy policy = visible(id);
        requireManager(policy.getOrganizationId());
        Revisions.check(expectedRevision, policy.getRowVersion());
        JsonObject current = definitionJson(policy);
        JsonObject merged = MergePatch.apply(current, patch, Set.of("name", "organization"));
        // the merged definition is read as a whole one, with the same checks and field names as a new policy's
        PolicyDefinition definition = definition(CreatePolicyRequest.fromJson(merged), policy.getName());
        if (definition.equals(policy.definition())) {
            return toDto(policy); // nothing changed: no new version
        }
        String actor = caller.get().username();
        policy.change(definition, actor);
        em.flush();
        em.persist(new PolicyRevision(policy));
        audit.record(
                actor,
                "policy.update",
                "policy",
                policy.getId(),
                policy.getOrganizationId(),
                Json.createObjectBuilder()
                        .add("name", policy.getName())
                        .add("version", policy.getPolicyVersion())
                        .add("before", current)
                        .add("after", definitionJson(policy))
                        .build());
        return toDto(policy);
    }

    @Override
    public void disable(UUID id, Long expectedRevision) {
        Policy policy = visible(id);
        requireManager(policy.getOrganizationId());
        Revisions.check(expectedRevision, policy.getRowVersion());
        if (!policy.isEnabled()) {
            return;
        }
        JsonObject before = definitionJson(policy);
        PolicyDefinition d = policy.definition();
        String actor = caller.get().username();
        policy.change(
                new PolicyDefinition(
                        d.description(),
                        d.riskTiers(),
                        d.groups(),
                        d.transitions(),
                        d.severity(),
                        d.expression(),
                        d.message(),
                        false),
                actor);
        em.flush();
        em.persist(new PolicyRevision(policy));
        audit.record(
                actor,
                "policy.disable",
                "policy",
                policy.getId(),
                policy.getOrganizationId(),
                Json.createObjectBuilder()
                        .add("name", policy.getName())
                        .add("version", policy.getPolicyVersion())
                        .add("before", before)
                        .add("after", definitionJson(policy))
                        .build());
    }

    @Override
    public List<PolicyRevisionDto> revisions(UUID id) {
        visible(id);
        return em.createNamedQuery("PolicyRevision.findByPolicy", PolicyRevision.class)
                .setParameter("policyId", id)
                .getResultStream()
                .map(r -> new PolicyRevisionDto(
                        r.getPolicyVersion(),
                        split(r.getRiskTiers()),
                        split(r.getModelGroups()),
                        split(r.getTransitions()),
                        PolicySeverity.valueOf(r.getSeverity()),
                        r.getExpression(),
                        r.getMessage(),
                        r.isEnabled(),
                        r.getChangedAt(),
                        r.getChangedBy()))
                .toList();
    }

    @Override
    public PolicyCheckDto check(UUID modelId, String version, VersionState to, String environment) {
        if (to == null) {
            throw new InvalidInputException("to", "is required: one of " + GATEABLE);
        }
        if (!GATEABLE.contains(to)) {
            throw new InvalidInputException("to", "policies gate moves to " + GATEABLE + ", not " + to);
        }
        if (environment != null) {
            FieldErrors errors = new FieldErrors();
            CatalogRules.dnsLabel(errors, "environment", environment);
            errors.throwIfAny();
        }
        Model model = access.visible(modelId);
        return gate.evaluate(model, access.version(modelId, version), to, environment)
                .toCheck();
    }

    @Override
    public List<PolicyEvaluationDto> evaluations(UUID modelId, String version) {
        access.visible(modelId);
        UUID versionId = access.version(modelId, version).getId();
        return em.createNamedQuery("PolicyEvaluation.findByVersion", PolicyEvaluation.class)
                .setParameter("versionId", versionId)
                .getResultStream()
                .map(PolicyServiceBean::toDto)
                .toList();
    }

    static PolicyEvaluationDto toDto(PolicyEvaluation e) {
        return new PolicyEvaluationDto(
                e.getId(),
                e.getAttemptId(),
                e.getPolicyId(),
                e.getPolicyName(),
                e.getPolicyVersion(),
                e.getSeverity(),
                e.getFromState(),
                e.getToState(),
                e.getEnvironment(),
                e.getInputDigest(),
                e.getResult(),
                e.getMessage(),
                e.isAllowed(),
                e.getEvaluatedAt(),
                e.getEvaluatedBy());
    }

    private Policy visible(UUID id) {
        Policy policy = em.find(Policy.class, id);
        if (policy == null
                || (policy.getOrganizationId() != null && !caller.get().isMember(policy.getOrganizationId()))) {
            throw new NotFoundException("policy", id);
        }
        return policy;
    }

    private void requireManager(UUID organizationId) {
        Caller who = caller.get();
        if (who.registryAdmin() || (organizationId != null && who.has(organizationId, Role.ADMIN))) {
            return;
        }
        throw new ForbiddenException(
                organizationId == null
                        ? "Global policies are managed by registry administrators"
                        : "Policies of an organization are managed by its ADMINs");
    }

    /** Reads and validates a definition; every problem is reported at once, the expression with its position. */
    private static PolicyDefinition definition(CreatePolicyRequest request, String name) {
        String description = request.description();
        List<String> tierNames = request.riskTiers();
        List<String> groups = request.groups();
        List<String> transitionNames = request.transitions();
        PolicySeverity severity = request.severity();
        String expression = request.expression();
        String message = request.message();
        Boolean enabled = request.enabled();
        FieldErrors errors = new FieldErrors();
        CatalogRules.description(errors, "description", description);
        List<RiskTier> tiers = new ArrayList<>();
        for (String t : tierNames == null ? List.<String>of() : tierNames) {
            try {
                RiskTier tier = RiskTier.valueOf(t);
                if (!tiers.contains(tier)) {
                    tiers.add(tier);
                }
            } catch (IllegalArgumentException e) {
                errors.add("riskTiers", "unknown risk tier " + t + "; expected " + Arrays.toString(RiskTier.values()));
            }
        }
        List<String> groupList =
                groups == null ? List.of() : groups.stream().distinct().toList();
        errors.check(groupList.size() <= MAX_GROUPS, "groups", "at most " + MAX_GROUPS + " groups");
        groupList.forEach(g -> CatalogRules.dnsLabel(errors, "groups", g));
        List<VersionState> transitions = new ArrayList<>();
        for (String t : transitionNames == null ? List.<String>of() : transitionNames) {
            try {
                VersionState state = VersionState.valueOf(t);
                if (!GATEABLE.contains(state)) {
                    errors.add("transitions", state + " is reached by reviewers' decisions; policies gate " + GATEABLE);
                } else if (!transitions.contains(state)) {
                    transitions.add(state);
                }
            } catch (IllegalArgumentException e) {
                errors.add("transitions", "unknown state " + t + "; expected one of " + GATEABLE);
            }
        }
        errors.check(
                !transitions.isEmpty() || transitionNames == null || !transitionNames.isEmpty(),
                "transitions",
                "must name at least one state");
        errors.check(transitionNames != null, "transitions", "is required: the states whose moves the policy gates");
        errors.check(expression != null, "expression", "is required");
        errors.check(
                message == null || message.length() <= MAX_MESSAGE,
                "message",
                "must be at most " + MAX_MESSAGE + " characters");
        errors.throwIfAny();
        PolicyEngine.check(expression); // 422 invalid-expression with line and column
        String text = message == null || message.isBlank() ? "policy " + name + " failed" : message;
        return new PolicyDefinition(
                description,
                tiers,
                groupList,
                transitions,
                severity == null ? PolicySeverity.BLOCKING : severity,
                expression,
                text,
                enabled == null || enabled);
    }

    private static JsonObject definitionJson(Policy p) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add(
                        "riskTiers",
                        Json.createArrayBuilder(
                                p.getRiskTiers().stream().map(Enum::name).toList()))
                .add("groups", Json.createArrayBuilder(p.getGroups()))
                .add(
                        "transitions",
                        Json.createArrayBuilder(
                                p.getTransitions().stream().map(Enum::name).toList()))
                .add("severity", p.getSeverity().name())
                .add("expression", p.getExpression())
                .add("message", p.getMessage())
                .add("enabled", p.isEnabled());
        if (p.getDescription() != null) {
            b.add("description", p.getDescription());
        }
        return b.build();
    }

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    private PolicyDto toDto(Policy p) {
        String org = p.getOrganizationId() == null
                ? null
                : models.organization(p.getOrganizationId())
                        .map(Organization::getSlug)
                        .orElse(null);
        return new PolicyDto(
                p.getId(),
                p.getName(),
                org,
                p.getDescription(),
                p.getRiskTiers(),
                p.getGroups(),
                p.getTransitions(),
                p.getSeverity(),
                p.getExpression(),
                p.getMessage(),
                p.isEnabled(),
                p.getPolicyVersion(),
                p.getRowVersion(),
                p.getCreatedAt(),
                p.getCreatedBy(),
                p.getUpdatedAt(),
                p.getUpdatedBy());
    }

    @Override
    public RecentFailuresDto recentBlocks(RecentFailuresQuery query) {
        return failures.query(
                "PolicyEvaluation.recentBlocks",
                "PolicyEvaluation.blocksPerDay",
                caller.get().visibleOrganizations(),
                query);
    }
}
