package org.modelregistry.domain.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.policy.PolicySeverity;
import org.modelregistry.domain.shared.AuditedEntity;

/**
 * A rule in CEL that gates lifecycle transitions of the versions in its scope: the target states it gates, and
 * optionally risk tiers and model groups (empty = all). Every change bumps {@code policyVersion} and is kept as a
 * {@link PolicyRevision}. Global policies (no organization) apply to every organization.
 */
@Entity
@Table(name = "policy")
@NamedQuery(name = "Policy.findAll", query = "SELECT p FROM Policy p ORDER BY p.name, p.id")
@NamedQuery(name = "Policy.findEnabled", query = "SELECT p FROM Policy p WHERE p.enabled = TRUE ORDER BY p.name")
public class Policy extends AuditedEntity {

    /** Mapped as text: EclipseLink cannot read a NULL uuid into a UUID attribute. */
    @Column(name = "organization_id", updatable = false)
    private String organizationId;

    @Column(name = "name", nullable = false, updatable = false, length = 63)
    private String name;

    @Column(name = "description")
    private String description;

    @Column(name = "risk_tiers", nullable = false, length = 64)
    private String riskTiers;

    @Column(name = "model_groups", nullable = false)
    private String modelGroups;

    @Column(name = "transitions", nullable = false, length = 128)
    private String transitions;

    @Column(name = "severity", nullable = false, length = 16)
    private String severity;

    @Column(name = "expression", nullable = false)
    private String expression;

    @Column(name = "message", nullable = false)
    private String message;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "policy_version", nullable = false)
    private int policyVersion;

    protected Policy() {
        // for JPA
    }

    public Policy(UUID organizationId, String name, PolicyDefinition definition, String actor) {
        super(actor);
        this.organizationId = organizationId == null ? null : organizationId.toString();
        this.name = name;
        this.policyVersion = 1;
        apply(definition);
    }

    /** Replaces the rule; the version goes up by one. */
    public void change(PolicyDefinition definition, String actor) {
        apply(definition);
        policyVersion++;
        touch(actor);
    }

    private void apply(PolicyDefinition d) {
        PolicyEngine.check(d.expression());
        this.description = d.description();
        this.riskTiers = join(d.riskTiers().stream().map(Enum::name).toList());
        this.modelGroups = join(d.groups());
        this.transitions = join(d.transitions().stream().map(Enum::name).toList());
        this.severity = d.severity().name();
        this.expression = d.expression();
        this.message = d.message();
        this.enabled = d.enabled();
    }

    /** Does the policy gate this move of a version of a model in this tier and group? */
    public boolean appliesTo(UUID organization, RiskTier tier, String group, VersionState to) {
        return enabled
                && (organizationId == null || organizationId.equals(String.valueOf(organization)))
                && getTransitions().contains(to)
                && (riskTiers.isEmpty() || getRiskTiers().contains(tier))
                && (modelGroups.isEmpty() || getGroups().contains(group));
    }

    public PolicyDefinition definition() {
        return new PolicyDefinition(
                description,
                getRiskTiers(),
                getGroups(),
                getTransitions(),
                getSeverity(),
                expression,
                message,
                enabled);
    }

    private static String join(List<String> items) {
        return String.join(",", items);
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    public UUID getOrganizationId() {
        return organizationId == null ? null : UUID.fromString(organizationId);
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public List<RiskTier> getRiskTiers() {
        return split(riskTiers).stream().map(RiskTier::valueOf).toList();
    }

    public List<String> getGroups() {
        return split(modelGroups);
    }

    public List<VersionState> getTransitions() {
        return split(transitions).stream().map(VersionState::valueOf).toList();
    }

    public PolicySeverity getSeverity() {
        return PolicySeverity.valueOf(severity);
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

    public int getPolicyVersion() {
        return policyVersion;
    }
}
