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
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.application.jobs.JobMetrics;
import org.modelregistry.application.shared.JsonText;
import org.modelregistry.domain.audit.AuditEvent;
import org.modelregistry.domain.deployment.WebhookPayloads;
import org.modelregistry.domain.shared.WebhookCall;
import org.modelregistry.infrastructure.config.RegistrySettings;
import org.modelregistry.infrastructure.security.SecretKeys;

/**
 * Dispatches one deployment to its target, exactly once in effect: a worker claims the deployment (REQUESTED ->
 * IN_PROGRESS, with a lease) by a conditional update, calls the target through {@link TargetCaller} and records
 * the dispatch by another conditional update. A call that fails after its retries releases the claim and leaves
 * the message to the broker's redelivery (back-off, then the dead letter queue, where {@code DeadDeploymentWorker}
 * fails the deployment); a refusal (4xx) fails it at once. Every retry of one deployment carries the same
 * {@code Idempotency-Key}, so a target that saw a call whose answer was lost can ignore the repeat.
 */
@Stateless
@LocalBean
public class DeploymentExecutor {

    private static final Logger LOG = Logger.getLogger(DeploymentExecutor.class.getName());

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    TargetCaller caller;

    @Inject
    AuditTrail audit;

    @Inject
    SecretKeys secrets;

    @Inject
    RegistrySettings settings;

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
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("UPDATE deployment SET state = 'IN_PROGRESS', attempt = attempt + 1,"
                        + " lease_until = now() + interval '2 minutes', started_at = coalesce(started_at, now()),"
                        + " lease_owner = ? WHERE id = CAST(? AS uuid) AND (state = 'REQUESTED' OR (state = 'IN_PROGRESS'"
                        + " AND dispatched_at IS NULL AND lease_until < now())) RETURNING attempt, target_id::text")
                .setParameter(1, settings.leaseOwner())
                .setParameter(2, id.toString())
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        int attempt = ((Number) rows.get(0)[0]).intValue();
        @SuppressWarnings("unchecked")
        List<Object[]> info = em.createNativeQuery("SELECT t.id::text, t.name, t.enabled, t.format, t.url, t.secret,"
                        + " t.token, t.settings::text, d.environment, d.requested_by, d.rollback_of::text, m.id::text,"
                        + " m.model_group, m.name, o.slug, v.version, v.commit_sha, t.secrets_sealed FROM deployment d"
                        + " JOIN deployment_target t ON t.id = d.target_id JOIN model_version v ON v.id = d.version_id"
                        + " JOIN model m ON m.id = d.model_id JOIN organization o ON o.id = m.organization_id"
                        + " WHERE d.id = CAST(? AS uuid)")
                .setParameter(1, id.toString())
                .getResultList();
        Object[] r = info.get(0);
        JsonObjectBuilder event = Json.createObjectBuilder()
                .add("deployment", id.toString())
                .add(
                        "model",
                        Json.createObjectBuilder()
                                .add("id", (String) r[11])
                                .add("organization", (String) r[14])
                                .add("group", (String) r[12])
                                .add("name", (String) r[13]))
                .add("version", (String) r[15])
                .add("environment", (String) r[8])
                .add("target", (String) r[1])
                .add("requestedBy", (String) r[9])
                .add("callback", settings.publicUrl() + "/api/v1/deployments/" + id + "/status");
        if (r[16] != null) {
            event.add("commitSha", (String) r[16]);
        }
        if (r[10] != null) {
            event.add("rollbackOf", (String) r[10]);
        }
        UUID targetId = UUID.fromString((String) r[0]);
        boolean sealed = (Boolean) r[17];
        return new Claimed(
                id,
                attempt,
                targetId,
                (String) r[1],
                (Boolean) r[2],
                (String) r[3],
                (String) r[4],
                secrets.open((String) r[5], sealed, "deployment_target", "secret", targetId),
                secrets.open((String) r[6], sealed, "deployment_target", "token", targetId),
                JsonText.parse((String) r[7]),
                event.build());
    }

    /** The target accepted the call: the deployment waits for its report (unless the report came first). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void dispatched(UUID id, int status) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("UPDATE deployment d SET dispatched_at = now(), lease_until = NULL,"
                        + " message = coalesce(message, ?) WHERE id = CAST(? AS uuid) AND dispatched_at IS NULL AND"
                        + " state = 'IN_PROGRESS'"
                        + " RETURNING d.version_id::text, (SELECT organization_id::text FROM model m WHERE"
                        + " m.id = d.model_id), d.attempt")
                .setParameter(1, "the target accepted the call (HTTP " + status + "); waiting for its report")
                .setParameter(2, id.toString())
                .getResultList();
        if (!rows.isEmpty()) {
            Object[] r = rows.get(0);
            audit.record(
                    "deployment-worker",
                    "deployment.dispatched",
                    "deployment",
                    id,
                    UUID.fromString((String) r[1]),
                    Json.createObjectBuilder()
                            .add("versionId", (String) r[0])
                            .add("status", status)
                            .add("attempt", ((Number) r[2]).intValue())
                            .build(),
                    AuditEvent.SUCCESS);
        }
    }

    /** The call failed after its retries: the deployment waits for the message's next delivery. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void release(UUID id) {
        // published_at now: the reaper leaves it to the broker's redelivery (or the dead letter queue)
        em.createNativeQuery("UPDATE deployment SET state = 'REQUESTED', lease_until = NULL, published_at = now()"
                        + " WHERE id = CAST(? AS uuid) AND state = 'IN_PROGRESS' AND dispatched_at IS NULL")
                .setParameter(1, id.toString())
                .executeUpdate();
    }

    /**
     * The broker gave up on one message of a deployment: it fails only if no other delivery is working on it (a
     * live lease) or got it to its target (dispatched), since a deployment can have had two messages.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean failDeadLetter(UUID id, String message) {
        int idle = em.createNativeQuery("SELECT 1 FROM deployment WHERE id = CAST(? AS uuid) AND dispatched_at IS NULL"
                        + " AND (state = 'REQUESTED' OR (state = 'IN_PROGRESS' AND lease_until < now())) FOR UPDATE")
                .setParameter(1, id.toString())
                .getResultList()
                .size();
        return idle > 0 && fail(id, message, "deployment-worker");
    }

    /** Fails a deployment that has not finished (the target refused it, gave no report, or the broker gave up). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean fail(UUID id, String message, String actor) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("UPDATE deployment d SET state = 'FAILED', finished_at = now(),"
                        + " lease_until = NULL, message = ? WHERE id = CAST(? AS uuid) AND state IN ('REQUESTED',"
                        + " 'IN_PROGRESS') RETURNING d.version_id::text, (SELECT organization_id::text FROM model m"
                        + " WHERE m.id = d.model_id), d.attempt")
                .setParameter(1, message)
                .setParameter(2, id.toString())
                .getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        Object[] r = rows.get(0);
        audit.record(
                actor,
                "deployment.failed",
                "deployment",
                id,
                UUID.fromString((String) r[1]),
                Json.createObjectBuilder()
                        .add("versionId", (String) r[0])
                        .add("message", message)
                        .add("attempt", ((Number) r[2]).intValue())
                        .build(),
                AuditEvent.SUCCESS);
        metrics.finished("deployment", "FAILED", null);
        return true;
    }
}
