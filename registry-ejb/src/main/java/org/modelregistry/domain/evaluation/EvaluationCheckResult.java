package org.modelregistry.domain.evaluation;

import jakarta.json.JsonObject;
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
import org.modelregistry.domain.evaluation.CheckOutcome.Status;

/**
 * The result of one check of one run, written once: the (run, check) key makes a rerun after a crash skip what an
 * earlier attempt recorded, and the insert that writes it does nothing on a duplicate rather than fail.
 */
@Entity
@Table(name = "evaluation_check_result")
@IdClass(EvaluationCheckResult.Key.class)
@NamedQuery(
        name = "EvaluationCheckResult.findByRun",
        query = "SELECT c FROM EvaluationCheckResult c WHERE c.runId = :runId ORDER BY c.checkName")
@NamedQuery(
        name = "EvaluationCheckResult.findByVersion",
        query = "SELECT c FROM EvaluationCheckResult c, EvaluationRun r WHERE r.id = c.runId"
                + " AND r.versionId = :versionId ORDER BY c.checkName")
@NamedQuery(
        name = "EvaluationCheckResult.namesOfRun",
        query = "SELECT c.checkName FROM EvaluationCheckResult c WHERE c.runId = :runId")
@NamedQuery(
        name = "EvaluationCheckResult.statusesOfRun",
        query = "SELECT c.status FROM EvaluationCheckResult c WHERE c.runId = :runId")
@NamedNativeQuery(
        name = "EvaluationCheckResult.record",
        query = "INSERT INTO evaluation_check_result (run_id, check_name, kind, status, measured, message, finished_at)"
                + " VALUES (CAST(? AS uuid), ?, ?, ?, CAST(? AS jsonb), ?, now())"
                + " ON CONFLICT (run_id, check_name) DO NOTHING")
public class EvaluationCheckResult {

    /** The primary key: a run and the name of one of its checks. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private UUID runId;
        private String checkName;

        public Key() {
            // for JPA
        }

        public Key(UUID runId, String checkName) {
            this.runId = runId;
            this.checkName = checkName;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(runId, k.runId) && Objects.equals(checkName, k.checkName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, checkName);
        }
    }

    @Id
    @Column(name = "run_id", nullable = false, updatable = false)
    private UUID runId;

    @Id
    @Column(name = "check_name", nullable = false, updatable = false, length = 63)
    private String checkName;

    @Column(name = "kind", nullable = false, updatable = false, length = 32)
    private String kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, updatable = false, length = 16)
    private Status status;

    /** A JSON object of strings in a jsonb column. */
    @Column(name = "measured", nullable = false, updatable = false)
    private String measured;

    @Column(name = "message", updatable = false)
    private String message;

    @Column(name = "finished_at", nullable = false, updatable = false)
    private OffsetDateTime finishedAt;

    protected EvaluationCheckResult() {
        // for JPA
    }

    public UUID getRunId() {
        return runId;
    }

    public String getCheckName() {
        return checkName;
    }

    public String getKind() {
        return kind;
    }

    public Status getStatus() {
        return status;
    }

    public JsonObject getMeasured() {
        return JsonColumns.object(measured);
    }

    public String getMessage() {
        return message;
    }

    public OffsetDateTime getFinishedAt() {
        return finishedAt;
    }
}
