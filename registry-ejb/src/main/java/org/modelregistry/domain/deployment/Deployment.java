package org.modelregistry.domain.deployment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.shared.RecentFailureSql;
import org.modelregistry.domain.shared.Uuid7;

/**
 * A deployment of a version to a target; its row is also the outbox entry of its job message (docs/adr/0001). The
 * transitions are the only way its state changes:
 *
 * <pre>
 * REQUESTED --claim--> IN_PROGRESS --dispatched--> IN_PROGRESS (the target has it) --report--> SUCCEEDED | FAILED
 *     ^                     |  (not dispatched)
 *     +------release--------+          fail: REQUESTED | IN_PROGRESS --> FAILED
 * </pre>
 *
 * A claim holds a lease; a claim whose lease ran out before the target accepted may be taken again. Once the target
 * accepted (dispatched) the deployment is never handed back for another call. The times are the database's (the
 * repository's {@code now()}), the clock the relay's leases and report timeout are judged by.
 */
@Entity
@Table(name = "deployment")
@NamedQuery(
        name = "Deployment.countByTargetAndStates",
        query = "SELECT COUNT(d) FROM Deployment d WHERE d.targetId = :targetId AND d.state IN :states")
@NamedQuery(
        name = "Deployment.viewById",
        query = "SELECT NEW org.modelregistry.domain.deployment.DeploymentView(d, v.version, t.name) FROM Deployment d,"
                + " ModelVersion v, DeploymentTarget t WHERE v.id = d.versionId AND t.id = d.targetId AND d.id = :id")
@NamedQuery(
        name = "Deployment.viewsByVersion",
        query = "SELECT NEW org.modelregistry.domain.deployment.DeploymentView(d, v.version, t.name) FROM Deployment d,"
                + " ModelVersion v, DeploymentTarget t WHERE v.id = d.versionId AND t.id = d.targetId"
                + " AND d.versionId = :versionId ORDER BY d.requestedAt, d.id")
@NamedQuery(
        name = "Deployment.previousVersion",
        query = "SELECT v.version FROM Deployment p, ModelVersion v WHERE v.id = p.versionId AND p.targetId = :targetId"
                + " AND p.modelId = :modelId AND p.state = :state AND p.requestedAt < :before AND v.version <> :version"
                + " ORDER BY p.requestedAt DESC")
@NamedQuery(
        name = "Deployment.subject",
        query = "SELECT NEW org.modelregistry.domain.deployment.DeploymentSubject(o.id, o.slug, m.id, m.group, m.name,"
                + " v.version, v.commitSha) FROM ModelVersion v, Model m, Organization o WHERE v.id = :versionId"
                + " AND m.id = v.modelId AND o.id = m.organizationId")
@NamedNativeQuery(name = "Deployment.databaseNow", query = "SELECT now()")
// a CI event's delivery, kept once: a delivery id seen before inserts nothing (db/V30), also when two copies race
@NamedNativeQuery(
        name = "Deployment.recordCiDelivery",
        query = "INSERT INTO ci_event_delivery (target_id, system, delivery_id, deployment_id, event, state)"
                + " VALUES (CAST(? AS uuid), ?, ?, CAST(? AS uuid), ?, ?) ON CONFLICT DO NOTHING")
@NamedNativeQuery(
        name = "Deployment.unreported",
        query = "SELECT id::text FROM deployment WHERE state = 'IN_PROGRESS' AND dispatched_at < now()"
                + " - make_interval(mins => ?) ORDER BY dispatched_at LIMIT 100")
// the dashboard's recent failures (application.shared.RecentFailures), over the partial index of failed deployments
@NamedNativeQuery(
        name = "Deployment.recentFailures",
        query = "SELECT d.finished_at, m.id::text, m.model_group, m.name, v.version,"
                + " t.name || ' (' || d.environment || ')', coalesce(d.message, d.state)"
                + " FROM deployment d JOIN model m ON m.id = d.model_id JOIN model_version v ON v.id = d.version_id"
                + " JOIN deployment_target t ON t.id = d.target_id"
                + " WHERE d.state = 'FAILED' AND d.finished_at IS NOT NULL AND"
                + RecentFailureSql.IN_ORGANIZATIONS
                + " ORDER BY d.finished_at DESC, d.id DESC LIMIT ?")
@NamedNativeQuery(
        name = "Deployment.failuresPerDay",
        query = "SELECT to_char(d.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS n"
                + " FROM deployment d JOIN model m ON m.id = d.model_id"
                + " WHERE d.state = 'FAILED' AND d.finished_at IS NOT NULL AND"
                + RecentFailureSql.IN_ORGANIZATIONS
                + " AND d.finished_at >=" + RecentFailureSql.WINDOW_START
                + " GROUP BY 1")
public class Deployment {

    /** How long a claim holds a deployment while its target is called. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "model_id", nullable = false, updatable = false)
    private UUID modelId;

    @Column(name = "version_id", nullable = false, updatable = false)
    private UUID versionId;

    @Column(name = "target_id", nullable = false, updatable = false)
    private UUID targetId;

    @Column(name = "environment", nullable = false, updatable = false, length = 16)
    private String environment;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private DeploymentState state;

    /** Deliveries of the job so far. */
    @Column(name = "attempt", nullable = false)
    private int attempt;

    @Column(name = "lease_until")
    private OffsetDateTime leaseUntil;

    @Column(name = "lease_owner")
    private String leaseOwner;

    @Column(name = "published_at")
    private OffsetDateTime publishedAt;

    @Column(name = "dispatched_at")
    private OffsetDateTime dispatchedAt;

    /** Text, not UUID: EclipseLink's UUID conversion fails on a null (the connection sends strings as "unspecified"). */
    @Column(name = "rollback_of", updatable = false)
    private String rollbackOf;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private OffsetDateTime requestedAt;

    @Column(name = "requested_by", nullable = false, updatable = false, length = 128)
    private String requestedBy;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Column(name = "reported_by", length = 128)
    private String reportedBy;

    @Column(name = "external_url", length = 2048)
    private String externalUrl;

    @Column(name = "message")
    private String message;

    protected Deployment() {
        // for JPA
    }

    /**
     * Requests a deployment of {@code version} to {@code target} (REQUESTED): the target must be enabled and the
     * version APPROVED or already DEPLOYED (409 otherwise). Whether the target is busy and what the policies say is
     * the service's to ask first.
     */
    public static Deployment request(
            ModelVersion version, DeploymentTarget target, UUID rollbackOf, String actor, OffsetDateTime now) {
        target.requireEnabled();
        requireDeployable(version);
        Deployment d = new Deployment();
        d.id = Uuid7.next();
        d.modelId = version.getModelId();
        d.versionId = version.getId();
        d.targetId = target.getId();
        d.environment = target.getEnvironment();
        d.state = DeploymentState.REQUESTED;
        d.rollbackOf = rollbackOf == null ? null : rollbackOf.toString();
        d.requestedAt = now;
        d.requestedBy = actor;
        return d;
    }

    /** Only APPROVED (or already DEPLOYED) versions are deployed (409 naming {@code state}). */
    public static void requireDeployable(ModelVersion v) {
        if (v.getState() != VersionState.APPROVED && v.getState() != VersionState.DEPLOYED) {
            throw new ConflictException(
                    "Version " + v.getVersion() + " is " + v.getState() + ": only APPROVED (or"
                            + " already DEPLOYED) versions are deployed",
                    "state");
        }
    }

    /**
     * No delivery is working on it (no live lease) and its target does not have it: a worker may claim it, and a
     * dead letter may fail it.
     */
    public boolean idle(OffsetDateTime now) {
        return state == DeploymentState.REQUESTED
                || (state == DeploymentState.IN_PROGRESS
                        && dispatchedAt == null
                        && leaseUntil != null
                        && leaseUntil.isBefore(now));
    }

    /**
     * A worker takes the deployment to call its target (IN_PROGRESS, the next attempt, a lease of {@link #LEASE});
     * false when it is not {@link #idle}: finished, dispatched, or held by another worker.
     */
    public boolean claim(String owner, OffsetDateTime now) {
        if (!idle(now)) {
            return false;
        }
        state = DeploymentState.IN_PROGRESS;
        attempt++;
        leaseUntil = now.plus(LEASE);
        leaseOwner = owner;
        if (startedAt == null) {
            startedAt = now;
        }
        return true;
    }

    /**
     * The target accepted the call: the deployment waits for its report and is never handed back for another call.
     * False when it is not a claimed, undispatched deployment (a report came first, or it failed meanwhile).
     */
    public boolean dispatched(int httpStatus, OffsetDateTime now) {
        if (!awaitingCall()) {
            return false;
        }
        dispatchedAt = now;
        leaseUntil = null;
        if (message == null) {
            message = "the target accepted the call (HTTP " + httpStatus + "); waiting for its report";
        }
        return true;
    }

    /**
     * The call failed after its retries: back to REQUESTED for the message's next delivery ({@code published_at}
     * set, so that the relay leaves it to the broker's redelivery or the dead letter queue).
     */
    public boolean release(OffsetDateTime now) {
        if (!awaitingCall()) {
            return false;
        }
        state = DeploymentState.REQUESTED;
        leaseUntil = null;
        publishedAt = now;
        return true;
    }

    private boolean awaitingCall() {
        return state == DeploymentState.IN_PROGRESS && dispatchedAt == null;
    }

    /**
     * Records a target's report. A report also means the target has the deployment ({@code dispatchedAt} set), and
     * a final one ends it. Repeating the final report changes nothing (false); contradicting it, or reporting on a
     * deployment not yet sent, is a 409.
     *
     * @param reported IN_PROGRESS, SUCCEEDED or FAILED ({@link DeploymentState#REPORTABLE})
     */
    public boolean report(DeploymentState reported, String text, String url, String reporter, OffsetDateTime now) {
        if (!DeploymentState.REPORTABLE.contains(reported)) {
            throw new IllegalArgumentException(reported + " is not reported by a target");
        }
        if (state.finished()) {
            if (state == reported) {
                return false;
            }
            throw new ConflictException("The deployment already ended " + state, "state");
        }
        if (state == DeploymentState.REQUESTED) {
            throw new ConflictException("The deployment has not been sent to its target yet", "state");
        }
        state = reported;
        if (text != null) {
            message = text;
        }
        if (url != null) {
            externalUrl = url;
        }
        reportedBy = reporter;
        if (reported.finished()) {
            leaseUntil = null;
            finishedAt = now;
        }
        if (dispatchedAt == null) {
            dispatchedAt = now;
        }
        return true;
    }

    /**
     * Fails a deployment that has not finished (the target refused it, gave no report, or the broker gave up);
     * false when it had already finished.
     */
    public boolean fail(String reason, OffsetDateTime now) {
        if (state.finished()) {
            return false;
        }
        state = DeploymentState.FAILED;
        finishedAt = now;
        leaseUntil = null;
        message = reason;
        return true;
    }

    public UUID getId() {
        return id;
    }

    public UUID getModelId() {
        return modelId;
    }

    public UUID getVersionId() {
        return versionId;
    }

    public UUID getTargetId() {
        return targetId;
    }

    public String getEnvironment() {
        return environment;
    }

    public DeploymentState getState() {
        return state;
    }

    public int getAttempt() {
        return attempt;
    }

    public OffsetDateTime getLeaseUntil() {
        return leaseUntil;
    }

    public String getLeaseOwner() {
        return leaseOwner;
    }

    public OffsetDateTime getPublishedAt() {
        return publishedAt;
    }

    public OffsetDateTime getDispatchedAt() {
        return dispatchedAt;
    }

    public UUID getRollbackOf() {
        return rollbackOf == null ? null : UUID.fromString(rollbackOf);
    }

    public OffsetDateTime getRequestedAt() {
        return requestedAt;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public OffsetDateTime getStartedAt() {
        return startedAt;
    }

    public OffsetDateTime getFinishedAt() {
        return finishedAt;
    }

    public String getReportedBy() {
        return reportedBy;
    }

    public String getExternalUrl() {
        return externalUrl;
    }

    public String getMessage() {
        return message;
    }
}
