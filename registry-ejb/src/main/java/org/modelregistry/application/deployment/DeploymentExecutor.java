package org.modelregistry.application.deployment;

import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.UUID;
import java.util.logging.Logger;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.application.jobs.JobMetrics;
import org.modelregistry.application.shared.JsonText;
import org.modelregistry.domain.audit.AuditEvent;
import org.modelregistry.domain.deployment.Deployment;
import org.modelregistry.domain.deployment.DeploymentRepository;
import org.modelregistry.domain.deployment.DeploymentState;
import org.modelregistry.domain.deployment.DeploymentSubject;
import org.modelregistry.domain.deployment.DeploymentTarget;
import org.modelregistry.domain.deployment.DeploymentTargetRepository;
import org.modelregistry.domain.deployment.WebhookPayloads;
import org.modelregistry.domain.shared.WebhookCall;
import org.modelregistry.infrastructure.config.ServerSettings;
import org.modelregistry.infrastructure.security.SecretKeys;

/**
 * Dispatches one deployment to its target, exactly once in effect: a worker claims the deployment (REQUESTED ->
 * IN_PROGRESS, with a lease) by a conditional update, calls the target through {@link TargetCaller} and records
 * the dispatch by another conditional update. A call that fails after its retries releases the claim and leaves
 * the message to the broker's redelivery (back-off, then the dead letter queue, where {@code DeadDeploymentConsumer}
 * fails the deployment); a refusal (4xx) fails it at once. Every retry of one deployment carries the same
 * {@code Idempotency-Key}, so a target that saw a call whose answer was lost can ignore the repeat.
 */
@Stateless
@LocalBean
public class DeploymentExecutor {

    private static final Logger LOG = Logger.getLogger(DeploymentExecutor.class.getName());

    @Inject
    DeploymentRepository deployments;

    @Inject
    DeploymentTargetRepository targets;

    @Inject
    TargetCaller caller;

    @Inject
    AuditTrail audit;

    @Inject
    SecretKeys secrets;

    @Inject
    ServerSettings server;

    @EJB
    DeploymentExecutor self;

    @EJB
    JobMetrics metrics;

    /** The claimed deployment and what its call needs. */
    public record Claimed(
            UUID id,
            int attempt,
            UUID targetId,
            String targetName,
            boolean enabled,
            String format,
            String url,
            String secret,
            String token,
            JsonObject settings,
            JsonObject event) {}

    /** Processes a deployment a message named; false when the call failed and the message should come again. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean process(UUID deploymentId) {
        Claimed d = self.claim(deploymentId);
        if (d == null) {
            return true; // finished, dispatched, or held by another worker: nothing to do
        }
        if (!d.enabled()) {
            self.fail(deploymentId, "the target " + d.targetName() + " is disabled", "deployment-worker");
            return true;
        }
        WebhookCall call = WebhookPayloads.build(
                d.format(),
                d.url(),
                d.token(),
                d.settings(),
                d.event(),
                d.secret(),
                deploymentId.toString(),
                d.attempt(),
                System.currentTimeMillis() / 1000);
        TargetCaller.Accepted accepted;
        try {
            accepted = caller.call(deploymentId, d.targetId(), d.attempt(), call);
        } catch (TargetCaller.RejectedCallException e) {
            self.fail(deploymentId, e.getMessage(), "deployment-worker");
            return true;
        } catch (RuntimeException e) {
            LOG.info(() -> "Deployment " + deploymentId + " attempt " + d.attempt() + ": " + e.getMessage()
                    + "; the broker delivers it again");
            self.release(deploymentId);
            return false;
        }
        // the target accepted: never hand the deployment back for another call; retry the recording instead (if it
        // still fails, the lease runs out and the target gets the same Idempotency-Key again)
        for (int i = 1; ; i++) {
            try {
                self.dispatched(deploymentId, accepted.status());
                return true;
            } catch (RuntimeException e) {
                if (i == 3) {
                    throw e;
                }
            }
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Claimed claim(UUID id) {
        Deployment d = deployments.lock(id).orElse(null);
        if (d == null || !d.claim(server.leaseOwner(), deployments.now())) {
            return null;
        }
        DeploymentTarget t = targets.find(d.getTargetId()).orElseThrow();
        DeploymentSubject s = deployments.subject(d);
        JsonObjectBuilder event = Json.createObjectBuilder()
                .add("deployment", id.toString())
                .add(
                        "model",
                        Json.createObjectBuilder()
                                .add("id", s.modelId().toString())
                                .add("organization", s.organization())
                                .add("group", s.group())
                                .add("name", s.name()))
                .add("version", s.version())
                .add("environment", d.getEnvironment())
                .add("target", t.getName())
                .add("requestedBy", d.getRequestedBy())
                .add("callback", server.publicUrl() + "/api/v1/deployments/" + id + "/status");
        if (s.commitSha() != null) {
            event.add("commitSha", s.commitSha());
        }
        if (d.getRollbackOf() != null) {
            event.add("rollbackOf", d.getRollbackOf().toString());
        }
        boolean sealed = t.isSecretsSealed();
        return new Claimed(
                id,
                d.getAttempt(),
                t.getId(),
                t.getName(),
                t.isEnabled(),
                t.getFormat(),
                t.getUrl(),
                secrets.open(t.getSecret(), sealed, "deployment_target", "secret", t.getId()),
                secrets.open(t.getToken(), sealed, "deployment_target", "token", t.getId()),
                JsonText.parse(t.getSettings()),
                event.build());
    }

    /** The target accepted the call: the deployment waits for its report (unless the report came first). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void dispatched(UUID id, int status) {
        Deployment d = deployments.lock(id).orElse(null);
        if (d != null && d.dispatched(status, deployments.now())) {
            audit.record(
                    "deployment-worker",
                    "deployment.dispatched",
                    "deployment",
                    id,
                    deployments.subject(d).organizationId(),
                    Json.createObjectBuilder()
                            .add("versionId", d.getVersionId().toString())
                            .add("status", status)
                            .add("attempt", d.getAttempt())
                            .build(),
                    AuditEvent.SUCCESS);
        }
    }

    /** The call failed after its retries: the deployment waits for the message's next delivery. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void release(UUID id) {
        deployments.lock(id).ifPresent(d -> d.release(deployments.now()));
    }

    /**
     * The broker gave up on one message of a deployment: it fails only if no other delivery is working on it (a
     * live lease) or got it to its target (dispatched), since a deployment can have had two messages.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean failDeadLetter(UUID id, String message) {
        Deployment d = deployments.lock(id).orElse(null);
        return d != null && d.idle(deployments.now()) && fail(d, message, "deployment-worker");
    }

    /** Fails a deployment that has not finished (the target refused it, gave no report, or the broker gave up). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean fail(UUID id, String message, String actor) {
        Deployment d = deployments.lock(id).orElse(null);
        return d != null && fail(d, message, actor);
    }

    private boolean fail(Deployment d, String message, String actor) {
        if (!d.fail(message, deployments.now())) {
            return false;
        }
        audit.record(
                actor,
                "deployment.failed",
                "deployment",
                d.getId(),
                deployments.subject(d).organizationId(),
                Json.createObjectBuilder()
                        .add("versionId", d.getVersionId().toString())
                        .add("message", message)
                        .add("attempt", d.getAttempt())
                        .build(),
                AuditEvent.SUCCESS);
        metrics.finished("deployment", DeploymentState.FAILED.name(), null);
        return true;
    }
}
