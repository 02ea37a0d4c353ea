package org.modelregistry.domain.evaluation;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.evaluation.CreateSuiteRequest;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.domain.catalog.CatalogRules;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.FieldErrors;
import org.modelregistry.domain.shared.Uuid7;

/**
 * A named set of checks with their thresholds, optionally scoped to risk tiers and model groups. A run copies the
 * suite's checks when it is asked for, so a suite never changes what a queued or finished run does.
 */
@Entity
@Table(name = "evaluation_suite")
@NamedQuery(name = "EvaluationSuite.findAll", query = "SELECT s FROM EvaluationSuite s ORDER BY s.name")
@NamedQuery(name = "EvaluationSuite.findByName", query = "SELECT s FROM EvaluationSuite s WHERE s.name = :name")
public class EvaluationSuite {

    static final int MAX_CHECKS = 50;

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "name", nullable = false, updatable = false, length = 63)
    private String name;

    @Column(name = "description")
    private String description;

    /** Comma-separated risk tiers; empty means every tier. */
    @Column(name = "risk_tiers", nullable = false, length = 64)
    private String riskTiers;

    /** Comma-separated model groups; empty means every group. */
    @Column(name = "model_groups", nullable = false)
    private String groups;

    /** A JSON array held in a jsonb column. */
    @Column(name = "checks", nullable = false)
    private String checks;

    @Column(name = "suite_version", nullable = false)
    private int version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false, updatable = false, length = 128)
    private String createdBy;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "updated_by", nullable = false, length = 128)
    private String updatedBy;

    protected EvaluationSuite() {
        // for JPA
    }

    /**
     * Defines a suite: the name is a DNS label, and each check has a unique DNS-label name, a known kind and that
     * kind's settings.
     *
     * @throws InvalidInputException naming every invalid field ({@code checks[i].field} for a check)
     * @throws org.modelregistry.domain.policy.PolicyExpressionException at the first threshold that does not compile
     *     (422 with its line and column)
     */
    public static EvaluationSuite define(CreateSuiteRequest request, String actor) {
        FieldErrors errors = new FieldErrors();
        CatalogRules.dnsLabel(errors, "name", request.name());
        CatalogRules.description(errors, "description", request.description());
        JsonArray checks = checks(errors, request.checks());
        errors.throwIfAny();
        EvaluationSuite suite = new EvaluationSuite();
        suite.id = Uuid7.next();
        suite.name = request.name();
        suite.description = request.description();
        suite.riskTiers = String.join(",", request.riskTiers() == null ? List.of() : request.riskTiers());
        suite.groups = String.join(",", request.groups() == null ? List.of() : request.groups());
        suite.checks = checks.toString();
        suite.version = 1;
        suite.createdAt = AuditedEntity.now();
        suite.createdBy = actor;
        suite.updatedAt = suite.createdAt;
        suite.updatedBy = actor;
        return suite;
    }

    private static JsonArray checks(FieldErrors errors, JsonValue value) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_CHECKS) {
            errors.add("checks", "must be an array of 1 to " + MAX_CHECKS + " checks");
            return out.build();
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "checks[" + i + "]";
            if (!(array.get(i) instanceof JsonObject check)) {
                errors.add(field, "must be an object {name, kind, ...}");
                continue;
            }
            String name = check.getString("name", null);
            CatalogRules.dnsLabel(errors, field + ".name", name);
            if (name != null && !names.add(name)) {
                errors.add(field + ".name", "is used by another check of the suite");
            }
            CheckKind kind = CheckKind.named(check.getString("kind", null)).orElse(null);
            if (kind == null) {
                errors.add(field + ".kind", "one of " + EnumSet.allOf(CheckKind.class));
                continue;
            }
            settings(errors, field, kind, check);
            out.add(check);
        }
        return out.build();
    }

    private static void settings(FieldErrors errors, String field, CheckKind kind, JsonObject check) {
        switch (kind) {
            case METRIC_THRESHOLD -> {
                String expression = check.getString("expression", null);
                if (expression == null) {
                    errors.add(field + ".expression", "is required: CEL over metrics, e.g. metrics.accuracy >= 0.9");
                } else {
                    MetricThreshold.compile(expression); // 422 with line and column
                }
            }
            case LICENSE -> {
                if (!(check.get("allow") instanceof JsonArray allow)
                        || allow.isEmpty()
                        || !allow.stream().allMatch(v -> v instanceof JsonString)) {
                    errors.add(field + ".allow", "is required: the SPDX ids allowed");
                }
            }
            case MODEL_CARD -> {
                if (check.containsKey("sections") && !(check.get("sections") instanceof JsonArray)) {
                    errors.add(field + ".sections", "must be an array of section names");
                }
            }
            case INTEGRITY -> {
                // no settings
            }
        }
    }

    /** Fails with 422 on {@code suite} unless a model of this tier and group is in the suite's scope. */
    public void requireInScope(RiskTier tier, String group) {
        List<String> tiers = getRiskTiers();
        List<String> scopedGroups = getGroups();
        if (!tiers.isEmpty() && !tiers.contains(tier.name())) {
            throw new InvalidInputException(
                    "suite", "the suite " + name + " is for risk tiers " + tiers + ", not " + tier);
        }
        if (!scopedGroups.isEmpty() && !scopedGroups.contains(group)) {
            throw new InvalidInputException(
                    "suite", "the suite " + name + " is for the groups " + scopedGroups + ", not " + group);
        }
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public List<String> getRiskTiers() {
        return split(riskTiers);
    }

    public List<String> getGroups() {
        return split(groups);
    }

    /** The checks as the database holds them (jsonb orders each object's keys its own way). */
    public JsonArray getChecks() {
        return JsonColumns.array(checks);
    }

    String checksJson() {
        return checks;
    }

    public int getVersion() {
        return version;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }
}
