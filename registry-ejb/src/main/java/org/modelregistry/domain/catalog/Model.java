package org.modelregistry.domain.catalog;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.FieldErrors;

/**
 * A registered model: the aggregate root of its versions and their artifacts. Its name is unique within its group
 * and organization. Owners are the principals allowed to change it.
 */
@Entity
@Table(name = "model")
@NamedQuery(
        name = "Model.findByGroupAndName",
        query =
                "SELECT m FROM Model m WHERE m.organizationId = :organizationId AND m.group = :group AND m.name = :name")
@NamedQuery(name = "Model.countVersions", query = "SELECT COUNT(v) FROM ModelVersion v WHERE v.modelId = :modelId")
public class Model extends AuditedEntity {

    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "model_group", nullable = false, length = 63)
    private String group;

    @Column(name = "name", nullable = false, length = 63)
    private String name;

    @Column(name = "description", length = CatalogRules.MAX_DESCRIPTION)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_tier", nullable = false, length = 16)
    private RiskTier riskTier;

    /** Principal names; the database stores with each the id of its account (model_owner.principal_id, V21). */
    @ElementCollection
    @CollectionTable(name = "model_owner", joinColumns = @JoinColumn(name = "model_id"))
    @Column(name = "owner", nullable = false, length = 128)
    @OrderColumn(name = "ordinal")
    private List<String> owners = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "model_tag", joinColumns = @JoinColumn(name = "model_id"))
    @Column(name = "tag", nullable = false, length = 63)
    @OrderColumn(name = "ordinal")
    private List<String> tags = new ArrayList<>();

    protected Model() {
        // for JPA
    }

    private Model(UUID organizationId, String actor) {
        super(actor);
        this.organizationId = organizationId;
    }

    /**
     * Registers a model. With no owners given, the registering principal becomes its owner. Owners are principals
     * the directory knows in the model's organization.
     *
     * @throws org.modelregistry.api.problem.InvalidInputException naming every invalid field
     */
    public static Model register(
            UUID organizationId, CreateModelRequest request, String actor, OwnerDirectory directory) {
        Model model = new Model(organizationId, actor);
        boolean named = request.owners() != null && !request.owners().isEmpty();
        model.apply(named ? request : request.withOwners(List.of(actor)), actor, directory);
        return model;
    }

    /**
     * Replaces every editable field. While a version is in review ({@code versionInReview} not null), the risk tier,
     * owners and group it was submitted under stay as they are (409 naming the version): they decide how many
     * approvals it needs, who may review it and which policies judge it.
     */
    public void revise(CreateModelRequest values, String actor, String versionInReview, OwnerDirectory directory) {
        if (versionInReview != null) {
            List<FieldError> fixed = new ArrayList<>();
            if (values.riskTier() != riskTier) {
                fixed.add(
                        new FieldError("riskTier", "cannot change while version " + versionInReview + " is IN_REVIEW"));
            }
            if (values.owners() == null || !new HashSet<>(values.owners()).equals(new HashSet<>(getOwners()))) {
                fixed.add(new FieldError("owners", "cannot change while version " + versionInReview + " is IN_REVIEW"));
            }
            if (!group.equals(values.group())) {
                fixed.add(new FieldError("group", "cannot change while version " + versionInReview + " is IN_REVIEW"));
            }
            if (!fixed.isEmpty()) {
                throw new ConflictException(
                        "Version " + versionInReview + " of model " + group + "/" + name
                                + " is IN_REVIEW: its risk tier, owners and group stay those it was submitted with until"
                                + " the review ends (a decision, or the owners withdrawing it)",
                        fixed);
            }
        }
        if (values.owners() == null || values.owners().isEmpty()) {
            throw new InvalidInputException("owners", "a model must keep at least one owner");
        }
        apply(values, actor, directory);
        touch(actor);
    }

    private void apply(CreateModelRequest r, String actor, OwnerDirectory directory) {
        FieldErrors errors = new FieldErrors();
        CatalogRules.dnsLabel(errors, "group", r.group());
        CatalogRules.dnsLabel(errors, "name", r.name());
        CatalogRules.description(errors, "description", r.description());
        errors.check(r.riskTier() != null, "riskTier", "is required: one of " + List.of(RiskTier.values()));
        List<String> names = CatalogRules.owners(errors, r.owners());
        List<String> newTags = CatalogRules.tags(errors, r.tags());
        errors.throwIfAny();
        List<String> newOwners = resolveOwners(errors, r.owners(), names, actor, directory);
        errors.throwIfAny();
        this.group = r.group();
        this.name = r.name();
        this.description = r.description();
        this.riskTier = r.riskTier();
        this.owners.clear();
        this.owners.addAll(newOwners);
        this.tags.clear();
        this.tags.addAll(newTags);
    }

    /**
     * The owners named, as principals: those already owners stay as they are; a new one must be a principal the
     * directory knows in this organization, or the acting single sign-on principal itself (it has no account to
     * look up). A name that is nobody's is refused, so no one can be made an owner before their account exists.
     */
    private List<String> resolveOwners(
            FieldErrors errors, List<String> requested, List<String> names, String actor, OwnerDirectory directory) {
        List<String> resolved = new ArrayList<>();
        for (String name : names) {
            String field = "owners[" + requested.indexOf(name) + "]";
            if (owners.contains(name)) {
                resolved.add(name);
            } else if (name.startsWith(Caller.SSO_PREFIX)) {
                errors.check(name.equals(actor), field, "a single sign-on principal can only name itself an owner");
                resolved.add(name);
            } else {
                Optional<OwnerDirectory.Principal> principal = directory.owner(name, organizationId);
                errors.check(
                        principal.isPresent(),
                        field,
                        "is not an active user or service account of the" + " model's organization");
                principal
                        .map(OwnerDirectory.Principal::name)
                        .filter(n -> !resolved.contains(n))
                        .ifPresent(resolved::add);
            }
        }
        return resolved;
    }

    /** The editable fields as a request, the shape a merge patch is applied to. */
    public CreateModelRequest editableValues() {
        return new CreateModelRequest(null, group, name, description, getOwners(), riskTier, List.copyOf(tags));
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public String getGroup() {
        return group;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public RiskTier getRiskTier() {
        return riskTier;
    }

    /** The owners' principal names, in the order given. */
    public List<String> getOwners() {
        return List.copyOf(owners);
    }

    public List<String> getTags() {
        return List.copyOf(tags);
    }
}
