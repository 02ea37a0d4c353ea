package org.modelregistry.application.deployment;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.application.catalog.ModelAccess;
import org.modelregistry.application.jobs.JobMetrics;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.deployment.Deployment;
import org.modelregistry.domain.deployment.DeploymentRepository;
import org.modelregistry.domain.deployment.DeploymentState;
import org.modelregistry.domain.deployment.DeploymentSubject;

/**
 * What a report on a deployment does, whoever brings it (a service account at the callback, or the CI system's
 * own event): the deployment's transition, its audit record, the job metrics, and a successful production
 * deployment making an APPROVED version DEPLOYED. Runs in the caller's transaction, on a deployment it locked.
 */
@ApplicationScoped
public class DeploymentReports {

    @Inject
    DeploymentRepository deployments;

    @Inject
    ModelAccess access;

    @Inject
    ModelRepository models;

    @Inject
    AuditTrail audit;

    @EJB
    JobMetrics metrics;

    /**
     * Records a report; false when it changes nothing (the same final report again). A contradiction of the final
     * state, or a report on a deployment not yet sent, is a 409 ({@link Deployment#report}).
     *
     * @param via how the report came, for the audit record (the CI system and its delivery id), or null
     */
    public boolean record(
            Deployment deployment, DeploymentState state, String message, String url, String actor, JsonObject via) {
        if (!deployment.report(state, message, url, actor, deployments.now())) {
            return false;
        }
        DeploymentSubject subject = deployments.subject(deployment);
        JsonObjectBuilder details = Json.createObjectBuilder()
                .add("state", state.name())
                .add("version", subject.version())
                .add("environment", deployment.getEnvironment());
        if (message != null) {
            details.add("message", message);
        }
        if (url != null) {
            details.add("url", url);
        }
        if (via != null) {
            details.add("via", via);
        }
        String action = switch (state) {
            case SUCCEEDED -> "deployment.succeeded";
            case FAILED -> "deployment.failed";
            default -> "deployment.progress";
        };
        audit.record(actor, action, "deployment", deployment.getId(), subject.organizationId(), details.build());
        if (state.finished()) {
            metrics.finished(
                    "deployment", state.name(), Duration.between(deployment.getRequestedAt(), OffsetDateTime.now()));
        }
        if (state == DeploymentState.SUCCEEDED && deployment.getEnvironment().equals("production")) {
            ModelVersion v = access.version(subject.modelId(), subject.version());
            VersionState from = v.getState();
            if (from == VersionState.APPROVED && v.deployed(actor)) {
                models.flush();
                audit.record(
                        actor,
                        "version.transition",
                        "model_version",
                        v.getId(),
                        subject.organizationId(),
                        Json.createObjectBuilder()
                                .add("from", from.name())
                                .add("to", VersionState.DEPLOYED.name())
                                .add("deployment", deployment.getId().toString())
                                .build());
            }
        }
        return true;
    }
}
