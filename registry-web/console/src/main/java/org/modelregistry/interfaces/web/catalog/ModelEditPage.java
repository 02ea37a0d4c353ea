package org.modelregistry.interfaces.web.catalog;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelService;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.problem.PreconditionFailedException;
import org.modelregistry.interfaces.web.Messages;

/**
 * {@code model-edit.xhtml?id=<model>}: changes a model's description, risk tier, owners and tags. The page loads
 * through {@link ModelService#getForChange}, so a caller who may not change the model gets the 403 page (404 if they
 * may not see it) even when they type the address; saving sends a merge patch with the revision the page loaded, so
 * a change made meanwhile is reported instead of overwritten.
 */
@Named
@ViewScoped
public class ModelEditPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    ModelService models;

    private String id;
    private UUID modelId;
    private String title;
    private long revision;

    private String description;
    private RiskTier riskTier;
    private String owners;
    private String tags;

    public void load() {
        modelId = CatalogViews.modelId(id);
        ModelDto model = models.getForChange(modelId);
        title = model.group() + "/" + model.name();
        revision = model.revision();
        description = model.description();
        riskTier = model.riskTier();
        owners = CatalogViews.text(model.owners());
        tags = CatalogViews.text(model.tags());
    }

    public String save() {
        JsonObjectBuilder patch = Json.createObjectBuilder();
        if (description == null || description.isBlank()) {
            patch.addNull("description");
        } else {
            patch.add("description", description.trim());
        }
        if (riskTier == null) {
            patch.addNull("riskTier");
        } else {
            patch.add("riskTier", riskTier.name());
        }
        patch.add("owners", array(CatalogViews.list(owners)));
        patch.add("tags", array(CatalogViews.list(tags)));
        try {
            models.patch(modelId, patch.build(), revision);
        } catch (PreconditionFailedException e) {
            Messages.error("This model was changed meanwhile by someone else, so your changes were not saved."
                    + " Reload the page to see the model as it is now, then make your changes again.");
            return null;
        }
        Messages.infoAfterRedirect("Model " + title + " saved.");
        return "/model.xhtml?faces-redirect=true&id=" + modelId;
    }

    private static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    public RiskTier[] getRiskTiers() {
        return RiskTier.values();
    }

    public String getTitle() {
        return title;
    }

    public UUID getModelId() {
        return modelId;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
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
