package org.modelregistry.domain.deployment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** One call made to a deployment's target, kept whatever its outcome: which delivery, how it went, how long. */
@Entity
@Table(name = "deployment_call")
@IdClass(DeploymentCall.Key.class)
@NamedQuery(
        name = "DeploymentCall.findByDeployments",
        query = "SELECT c FROM DeploymentCall c WHERE c.deploymentId IN :deploymentIds ORDER BY c.callNo")
// numbered in the statement that inserts it, so that a retry's call never takes another's number
@NamedNativeQuery(
        name = "DeploymentCall.record",
        query = "INSERT INTO deployment_call (deployment_id, call_no, attempt, started_at, duration_ms, outcome,"
                + " http_status, detail) SELECT CAST(? AS uuid), coalesce(max(call_no), 0) + 1, ?, ?, ?, ?, ?, ? FROM"
                + " deployment_call WHERE deployment_id = CAST(? AS uuid)")
public class DeploymentCall {

    /** The longest {@code detail} kept. */
    public static final int MAX_DETAIL = 2000;

    /** The primary key: the deployment and the call's number in it. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private UUID deploymentId;
        private int callNo;

        public Key() {
            // for JPA
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && callNo == k.callNo && Objects.equals(deploymentId, k.deploymentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deploymentId, callNo);
        }
    }

    @Id
    @Column(name = "deployment_id", nullable = false, updatable = false)
    private UUID deploymentId;

    @Id
    @Column(name = "call_no", nullable = false, updatable = false)
    private int callNo;

    @Column(name = "attempt", nullable = false, updatable = false)
    private int attempt;

    @Column(name = "started_at", nullable = false, updatable = false)
    private OffsetDateTime startedAt;

    @Column(name = "duration_ms", nullable = false, updatable = false)
    private int durationMs;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false, updatable = false, length = 16)
    private CallOutcome outcome;

    @Column(name = "http_status", updatable = false)
    private Integer httpStatus;

    @Column(name = "detail", updatable = false)
    private String detail;

    protected DeploymentCall() {
        // for JPA
    }

    /** A detail as kept: at most {@link #MAX_DETAIL} characters. */
    public static String keptDetail(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    }

    public UUID getDeploymentId() {
        return deploymentId;
    }

    public int getCallNo() {
        return callNo;
    }

    public int getAttempt() {
        return attempt;
    }

    public OffsetDateTime getStartedAt() {
        return startedAt;
    }

    public int getDurationMs() {
        return durationMs;
    }

    public CallOutcome getOutcome() {
        return outcome;
    }

    public Integer getHttpStatus() {
        return httpStatus;
    }

    public String getDetail() {
        return detail;
    }
}
