package org.modelregistry.interfaces.web.catalog;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelService;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.interfaces.web.ConsoleUser;
import org.modelregistry.interfaces.web.Messages;

/**
 * {@code model-new.xhtml}: registers a model through {@link ModelService#create}. The service checks every field and
 * the caller's right to register in the organization; its refusals show beside the inputs, which are named after the
 * request's fields.
 */
@Named
@RequestScoped
public class ModelNewPage {

    @EJB
    ModelService models;

    @Inject
    ConsoleUser user;

    private String group;
    private String name;
    private String description;
    private RiskTier riskTier;
    private String owners;
    private String tags;

    /** The page is offered to contributors and administrators; the service decides for each registration. */
    public void requireContributor() {
        if (!user.has("CONTRIBUTOR") && !user.has("ADMIN")) {
            throw new ForbiddenException("Registering models takes the CONTRIBUTOR role");
        }
    }

    /** Post-redirect-get to the new model's page, with the confirmation kept in the flash. */
    public String create() {
        ModelDto created = models.create(new CreateModelRequest(
                null,
                CatalogViews.blankToNull(group),
                CatalogViews.blankToNull(name),
                CatalogViews.blankToNull(description),
                CatalogViews.list(owners),
                riskTier,
                CatalogViews.list(tags)));
        Messages.infoAfterRedirect("Model " + created.group() + "/" + created.name() + " registered.");
        return "/model.xhtml?faces-redirect=true&id=" + created.id();
    }

    public RiskTier[] getRiskTiers() {
        return RiskTier.values();
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public RiskTier getRiskTier() {
        return riskTier;
    }

    public void setRiskTier(RiskTier riskTier) {
        this.riskTier = riskTier;
    }

    public String getOwners() {
        return owners;
    }

    public void setOwners(String owners) {
        this.owners = owners;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }
}
