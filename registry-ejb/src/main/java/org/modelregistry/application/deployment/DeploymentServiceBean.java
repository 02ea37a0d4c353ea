package org.modelregistry.application.deployment;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.common.RecentFailuresDto;
import org.modelregistry.api.common.RecentFailuresQuery;
import org.modelregistry.api.deployment.DeployRequest;
import org.modelregistry.api.deployment.DeploymentCallDto;
import org.modelregistry.api.deployment.DeploymentDto;
import org.modelregistry.api.deployment.DeploymentReport;
import org.modelregistry.api.deployment.DeploymentService;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.application.catalog.ModelAccess;
import org.modelregistry.application.governance.ReviewedContent;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.application.jobs.JobWake;
import org.modelregistry.application.policy.PolicyGate;
import org.modelregistry.application.shared.RecentFailures;
import org.modelregistry.domain.catalog.CatalogRules;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.deployment.Deployment;
import org.modelregistry.domain.deployment.DeploymentCall;
import org.modelregistry.domain.deployment.DeploymentRepository;
import org.modelregistry.domain.deployment.DeploymentState;
import org.modelregistry.domain.deployment.DeploymentTarget;
import org.modelregistry.domain.deployment.DeploymentTargetRepository;
import org.modelregistry.domain.deployment.DeploymentView;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.FieldErrors;

/**
 * Deployments. A deployment is only recorded here (REQUESTED, in the request's transaction, after the policies
 * allowed it, with its audit record); {@code JobRelay} publishes it to the deployments queue after commit,
 * {@link DeploymentExecutor} calls the target, and the target reports the outcome through {@link #report}. A
 * successful production deployment makes an APPROVED version DEPLOYED. Targets are managed by
 * {@link DeploymentTargetServiceBean}.
 */
@Stateless
@Local(DeploymentService.class)
public class DeploymentServiceBean implements DeploymentService {

    private static final int MAX_MESSAGE = 4000;

    @Inject
    DeploymentRepository deployments;

    @Inject
    DeploymentTargetRepository targets;

    @Inject
    ReviewedContent reviewed;

    @Inject
    CurrentCaller caller;

    @Inject
    ModelAccess access;

    @Inject
    PolicyGate policies;

    @Inject
    AuditTrail audit;

    @Inject
    JobWake wake;

    @Inject
    RecentFailures failures;

    @Inject
    DeploymentReports reports;

    @Override
    public DeploymentDto deploy(UUID modelId, String version, DeployRequest request) {
        Caller who = caller.get();
        Model model = access.visible(modelId);
        requireDeployer(who, model.getOrganizationId());
        ModelVersion v = access.version(modelId, version);
        if (request.target() == null) {
            throw new InvalidInputException("target", "is required: the name of a deployment target");
        }
        return request(who, model, v, lockTarget(model.getOrganizationId(), request.target()), null);
    }

    /** The target, locked so that two deployments to it cannot race. */
    private DeploymentTarget lockTarget(UUID organizationId, String name) {
        return targets.lockByName(organizationId, name)
                .orElseThrow(() -> new InvalidInputException(
                        "target", "no deployment target named " + name + " in the model's organization"));
    }

    private DeploymentDto request(Caller who, Model model, ModelVersion v, DeploymentTarget target, UUID rollbackOf) {
        Deployment deployment = Deployment.request(v, target, rollbackOf, who.username(), AuditedEntity.now());
        reviewed.requireApprovedContent(v);
        if (deployments.count(target.getId(), DeploymentState.UNFINISHED) > 0) {
            throw new ConflictException(
                    "A deployment to " + target.getName() + " is in progress; wait for its report", "target");
        }
        PolicyGate.Verdict verdict = policies.enforce(model, v, VersionState.DEPLOYED, target.getEnvironment());
        deployments.add(deployment);
        wake.afterCommit();
        JsonObjectBuilder details = Json.createObjectBuilder()
                .add("model", model.getId().toString())
                .add("version", v.getVersion())
                .add("target", target.getName())
                .add("environment", target.getEnvironment())
                .add("inputDigest", verdict.input().digest());
        if (rollbackOf != null) {
            details.add("rollbackOf", rollbackOf.toString());
        }
        audit.record(
                who.username(),
                rollbackOf == null ? "deployment.requested" : "deployment.rollback-requested",
                "deployment",
                deployment.getId(),
                model.getOrganizationId(),
                details.build());
        return deployment(deployment.getId());
    }

    private static void requireDeployer(Caller who, UUID organizationId) {
        if (!who.registryAdmin() && !who.has(organizationId, Role.DEPLOYER)) {
            throw new ForbiddenException("Deployments are requested and reported by the organization's DEPLOYERs");
        }
    }

    @Override
    public List<DeploymentDto> deployments(UUID modelId, String version) {
        Model model = access.visible(modelId);
        ModelVersion v = access.version(modelId, version);
        return dtos(deployments.viewsOfVersion(v.getId())).stream()
                .map(d -> forCaller(d, model.getOrganizationId()))
                .toList();
    }

    @Override
    public DeploymentDto deployment(UUID id) {
        DeploymentView view = view(id);
        Model model = access.visible(view.deployment().getModelId()); // 404 for a model the caller cannot see
        return forCaller(dtos(List.of(view)).get(0), model.getOrganizationId());
    }

    private DeploymentView view(UUID id) {
        return deployments.view(id).orElseThrow(() -> new NotFoundException("deployment", id));
    }

    /**
     * What a target answered ({@code calls[].detail}) is shown to the organization's DEPLOYERs and ADMINs only: a
     * target URL points wherever its administrator chose, and its answer must not become a way to read it.
     */
    private DeploymentDto forCaller(DeploymentDto d, UUID organizationId) {
        Caller who = caller.get();
        if (who.registryAdmin() || who.has(organizationId, Role.ADMIN) || who.has(organizationId, Role.DEPLOYER)) {
            return d;
        }
        return new DeploymentDto(
                d.id(),
                d.modelId(),
                d.version(),
                d.target(),
                d.environment(),
                d.state(),
                d.attempt(),
                d.rollbackOf(),
                d.requestedAt(),
                d.requestedBy(),
                d.startedAt(),
                d.dispatchedAt(),
                d.finishedAt(),
                d.reportedBy(),
                d.externalUrl(),
                d.message(),
                d.calls().stream()
                        .map(c -> new DeploymentCallDto(
                                c.call(),
                                c.attempt(),
                                c.startedAt(),
                                c.durationMs(),
                                c.outcome(),
                                c.httpStatus(),
                                null))
                        .toList());
    }

    private List<DeploymentDto> dtos(List<DeploymentView> views) {
        if (views.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<DeploymentCallDto>> calls =
                deployments
                        .calls(views.stream().map(v -> v.deployment().getId()).toList())
                        .stream()
                        .collect(Collectors.groupingBy(
                                DeploymentCall::getDeploymentId,
                                Collectors.mapping(DeploymentServiceBean::callDto, Collectors.toList())));
        return views.stream()
                .map(view -> {
                    Deployment d = view.deployment();
                    return new DeploymentDto(
                            d.getId(),
                            d.getModelId(),
                            view.version(),
                            view.target(),
                            d.getEnvironment(),
                            d.getState().name(),
                            d.getAttempt(),
                            d.getRollbackOf(),
                            d.getRequestedAt(),
                            d.getRequestedBy(),
                            d.getStartedAt(),
                            d.getDispatchedAt(),
                            d.getFinishedAt(),
                            d.getReportedBy(),
                            d.getExternalUrl(),
                            d.getMessage(),
                            calls.getOrDefault(d.getId(), List.of()));
                })
                .toList();
    }

    private static DeploymentCallDto callDto(DeploymentCall c) {
        return new DeploymentCallDto(
                c.getCallNo(),
                c.getAttempt(),
                c.getStartedAt(),
                c.getDurationMs(),
                c.getOutcome().name(),
                c.getHttpStatus(),
                c.getDetail());
    }

    @Override
    public DeploymentDto report(UUID id, DeploymentReport r) {
        Caller who = caller.get();
        DeploymentDto d = deployment(id);
        Model model = access.visible(d.modelId());
        requireDeployer(who, model.getOrganizationId());
        FieldErrors errors = new FieldErrors();
        DeploymentState state = DeploymentState.reported(r.state()).orElse(null);
        errors.check(state != null, "state", "one of " + DeploymentState.REPORTABLE);
        errors.check(
                r.message() == null || r.message().length() <= MAX_MESSAGE,
                "message",
                "at most " + MAX_MESSAGE + " characters");
        if (r.url() != null) {
            CatalogRules.httpUrl(errors, "url", r.url(), true); // a link to show, never called
        }
        errors.throwIfAny();
        Deployment deployment = deployments.lock(id).orElseThrow(() -> new NotFoundException("deployment", id));
        if (!reports.record(deployment, state, r.message(), r.url(), who.username(), null)) {
            return d; // the same final report again: nothing changes
        }
        return deployment(id);
    }

    @Override
    public DeploymentDto rollback(UUID id) {
        Caller who = caller.get();
        DeploymentView view = view(id);
        DeploymentDto d = deployment(id);
        Model model = access.visible(d.modelId());
        requireDeployer(who, model.getOrganizationId());
        DeploymentTarget target = lockTarget(model.getOrganizationId(), d.target());
        String previous = deployments
                .previousSucceededVersion(view.deployment(), d.version())
                .orElseThrow(() -> new ConflictException(
                        "No earlier version of the model was deployed to " + d.target()
                                + " successfully: there is nothing to roll back to",
                        "id"));
        return request(who, model, access.version(model.getId(), previous), target, id);
    }

    @Override
    public RecentFailuresDto recentFailures(RecentFailuresQuery query) {
        return failures.query(
                "Deployment.recentFailures",
                "Deployment.failuresPerDay",
                caller.get().visibleOrganizations(),
                query);
    }
}
