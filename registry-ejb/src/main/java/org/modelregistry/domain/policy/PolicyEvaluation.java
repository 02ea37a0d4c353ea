package org.modelregistry.domain.policy;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.ConstructorResult;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.policy.PolicyOutcomeDto;
import org.modelregistry.api.policy.PolicyResult;
import org.modelregistry.api.policy.PolicySeverity;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.RecentFailureSql;
import org.modelregistry.domain.shared.Uuid7;

/**
 * The result of one policy (at one version of it) for one attempted transition, with the digest of the input it
 * saw. Rows of one attempt share {@code attemptId}; blocked attempts are stored too.
 */
@Entity
@Table(name = "policy_evaluation")
@NamedQuery(
        name = "PolicyEvaluation.findByVersion",
        query = "SELECT e FROM PolicyEvaluation e WHERE e.versionId = :versionId ORDER BY e.evaluatedAt, e.id")
// what a policy input says of a version's evaluation runs and deployments (tables of other contexts, read only)
@NamedNativeQuery(
        name = "PolicyEvaluation.evaluationsOfVersion",
        query = "SELECT r.id::text AS id, s.name AS suite, r.suite_version AS suite_version, r.state AS status,"
                + " to_char(r.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS finished_at"
                + " FROM evaluation_run r JOIN evaluation_suite s ON s.id = r.suite_id"
                + " WHERE r.version_id = CAST(? AS uuid) ORDER BY r.requested_at",
        resultSetMapping = "EvaluationFact")
@SqlResultSetMapping(
        name = "EvaluationFact",
        classes =
                @ConstructorResult(
                        targetClass = EvaluationFact.class,
                        columns = {
                            @ColumnResult(name = "id", type = String.class),
                            @ColumnResult(name = "suite", type = String.class),
                            @ColumnResult(name = "suite_version", type = Long.class),
                            @ColumnResult(name = "status", type = String.class),
                            @ColumnResult(name = "finished_at", type = String.class)
                        }))
@NamedNativeQuery(
        name = "PolicyEvaluation.deploymentsOfVersion",
        query = "SELECT d.id::text AS id, t.name AS target, d.environment AS environment, d.state AS status,"
                + " to_char(d.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS finished_at"
                + " FROM deployment d JOIN deployment_target t ON t.id = d.target_id"
                + " WHERE d.version_id = CAST(? AS uuid) ORDER BY d.requested_at",
        resultSetMapping = "DeploymentFact")
@SqlResultSetMapping(
        name = "DeploymentFact",
        classes =
                @ConstructorResult(
                        targetClass = DeploymentFact.class,
                        columns = {
                            @ColumnResult(name = "id", type = String.class),
                            @ColumnResult(name = "target", type = String.class),
                            @ColumnResult(name = "environment", type = String.class),
                            @ColumnResult(name = "status", type = String.class),
                            @ColumnResult(name = "finished_at", type = String.class)
                        }))
// the dashboard's policy blocks (application.shared.RecentFailures): a BLOCKING policy that did not pass in an attempt
// that did not go through, over the partial index of those rows
@NamedNativeQuery(
        name = "PolicyEvaluation.recentBlocks",
        query = "SELECT e.evaluated_at, m.id::text, m.model_group, m.name, v.version,"
                + " e.policy_name || ' (' || e.from_state || ' to ' || e.to_state || ')', coalesce(e.message, e.result)"
                + " FROM policy_evaluation e JOIN model m ON m.id = e.model_id JOIN model_version v ON v.id = e.version_id"
                + " WHERE e.severity = 'BLOCKING' AND e.result <> 'PASS' AND NOT e.allowed AND"
                + RecentFailureSql.IN_ORGANIZATIONS
                + " ORDER BY e.evaluated_at DESC, e.id DESC LIMIT ?")
@NamedNativeQuery(
        name = "PolicyEvaluation.blocksPerDay",
        query = "SELECT to_char(e.evaluated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS n"
                + " FROM policy_evaluation e JOIN model m ON m.id = e.model_id"
                + " WHERE e.severity = 'BLOCKING' AND e.result <> 'PASS' AND NOT e.allowed AND"
                + RecentFailureSql.IN_ORGANIZATIONS
                + " AND e.evaluated_at >=" + RecentFailureSql.WINDOW_START
                + " GROUP BY 1")
public class PolicyEvaluation {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "attempt_id", nullable = false, updatable = false)
    private UUID attemptId;

    @Column(name = "policy_id", nullable = false, updatable = false)
    private UUID policyId;

    @Column(name = "policy_name", nullable = false, updatable = false)
    private String policyName;

    @Column(name = "policy_version", nullable = false, updatable = false)
    private int policyVersion;

    @Column(name = "severity", nullable = false, updatable = false)
    private String severity;

    @Column(name = "model_id", nullable = false, updatable = false)
    private UUID modelId;

    @Column(name = "version_id", nullable = false, updatable = false)
    private UUID versionId;

    @Column(name = "from_state", nullable = false, updatable = false)
    private String fromState;

    @Column(name = "to_state", nullable = false, updatable = false)
    private String toState;

    @Column(name = "environment", updatable = false)
    private String environment;

    @Column(name = "input_digest", nullable = false, updatable = false)
    private String inputDigest;

    @Column(name = "result", nullable = false, updatable = false)
    private String result;

    @Column(name = "message", updatable = false)
    private String message;

    @Column(name = "allowed", nullable = false, updatable = false)
    private boolean allowed;

    @Column(name = "evaluated_at", nullable = false, updatable = false)
    private OffsetDateTime evaluatedAt;

    @Column(name = "evaluated_by", nullable = false, updatable = false)
    private String evaluatedBy;

    @Column(name = "request_id", updatable = false)
    private String requestId;

    protected PolicyEvaluation() {
        // for JPA
    }

    /** What one policy (at the revision named by the outcome) said of one attempted move. */
    public PolicyEvaluation(
            UUID attemptId,
            PolicyOutcomeDto outcome,
            UUID modelId,
            UUID versionId,
            VersionState from,
            VersionState to,
            String environment,
            String inputDigest,
            boolean allowed,
            String actor,
            String requestId) {
        this.id = Uuid7.next();
        this.attemptId = attemptId;
        this.policyId = outcome.policyId();
        this.policyName = outcome.policy();
        this.policyVersion = outcome.policyVersion();
        this.severity = outcome.severity().name();
        PolicyResult result = outcome.result();
        String message = outcome.message();
        this.modelId = modelId;
        this.versionId = versionId;
        this.fromState = from.name();
        this.toState = to.name();
        this.environment = environment;
        this.inputDigest = inputDigest;
        this.result = result.name();
        this.message = message;
        this.allowed = allowed;
        this.evaluatedAt = AuditedEntity.now();
        this.evaluatedBy = actor;
        this.requestId = requestId;
    }

    public UUID getId() {
        return id;
    }

    public UUID getAttemptId() {
        return attemptId;
    }

    public UUID getPolicyId() {
        return policyId;
    }

    public String getPolicyName() {
        return policyName;
    }

    public int getPolicyVersion() {
        return policyVersion;
    }

    public PolicySeverity getSeverity() {
        return PolicySeverity.valueOf(severity);
    }

    public String getFromState() {
        return fromState;
    }

    public String getToState() {
        return toState;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getInputDigest() {
        return inputDigest;
    }

    public PolicyResult getResult() {
        return PolicyResult.valueOf(result);
    }

    public String getMessage() {
        return message;
    }

    public boolean isAllowed() {
        return allowed;
    }

    public OffsetDateTime getEvaluatedAt() {
        return evaluatedAt;
    }

    public String getEvaluatedBy() {
        return evaluatedBy;
    }
}
