package org.modelregistry.domain.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** One version of a policy as it was written; never changed afterwards. */
@Entity
@Table(name = "policy_revision")
@IdClass(PolicyRevision.Key.class)
@NamedQuery(
        name = "PolicyRevision.findByPolicy",
        query = "SELECT r FROM PolicyRevision r WHERE r.policyId = :policyId ORDER BY r.policyVersion DESC")
public class PolicyRevision {

    @Id
    @Column(name = "policy_id", nullable = false, updatable = false)
    private UUID policyId;

    @Id
    @Column(name = "policy_version", nullable = false, updatable = false)
    private int policyVersion;

    @Column(name = "risk_tiers", nullable = false, updatable = false)
    private String riskTiers;

    @Column(name = "model_groups", nullable = false, updatable = false)
    private String modelGroups;

    @Column(name = "transitions", nullable = false, updatable = false)
    private String transitions;

    @Column(name = "severity", nullable = false, updatable = false)
    private String severity;

    @Column(name = "expression", nullable = false, updatable = false)
    private String expression;

    @Column(name = "message", nullable = false, updatable = false)
    private String message;

    @Column(name = "enabled", nullable = false, updatable = false)
    private boolean enabled;

    @Column(name = "changed_at", nullable = false, updatable = false)
    private OffsetDateTime changedAt;

    @Column(name = "changed_by", nullable = false, updatable = false)
    private String changedBy;

    protected PolicyRevision() {
        // for JPA
    }

    public PolicyRevision(Policy p) {
        this.policyId = p.getId();
        this.policyVersion = p.getPolicyVersion();
        this.riskTiers =
                String.join(",", p.getRiskTiers().stream().map(Enum::name).toList());
        this.modelGroups = String.join(",", p.getGroups());
        this.transitions =
                String.join(",", p.getTransitions().stream().map(Enum::name).toList());
        this.severity = p.getSeverity().name();
        this.expression = p.getExpression();
        this.message = p.getMessage();
        this.enabled = p.isEnabled();
        this.changedAt = p.getUpdatedAt();
        this.changedBy = p.getUpdatedBy();
    }

    public UUID getPolicyId() {
        return policyId;
    }

    public int getPolicyVersion() {
        return policyVersion;
    }

    public String getRiskTiers() {
        return riskTiers;
    }

    public String getModelGroups() {
        return modelGroups;
    }

    public String getTransitions() {
        return transitions;
    }

    public String getSeverity() {
        return severity;
    }

    public String getExpression() {
        return expression;
    }

    public String getMessage() {
        return message;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public OffsetDateTime getChangedAt() {
        return changedAt;
    }

    public String getChangedBy() {
        return changedBy;
    }

    /** The composite key (policy, version). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private UUID policyId;
        private int policyVersion;

        public Key() {}

        public Key(UUID policyId, int policyVersion) {
            this.policyId = policyId;
            this.policyVersion = policyVersion;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.policyVersion == policyVersion && Objects.equals(k.policyId, policyId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(policyId, policyVersion);
        }
    }
}
