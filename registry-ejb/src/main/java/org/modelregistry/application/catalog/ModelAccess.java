package org.modelregistry.application.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.ModelVersion;

/**
 * Loads a model for the current caller: the object-level rules every service applies below {@code @RolesAllowed}.
 * Models of organizations the caller is not a member of do not exist for them (404).
 */
@ApplicationScoped
public class ModelAccess {

    @Inject
    ModelRepository models;

    @Inject
    CurrentCaller caller;

    /** The model if the caller may see it; 404 otherwise, whether or not it exists. */
    public Model visible(UUID id) {
        Model model = models.findModel(id).orElseThrow(() -> new NotFoundException("model", id));
        caller.get().requireVisible(model.getOrganizationId(), "model", id);
        return model;
    }

    /** A version of a model (the caller's right to the model is checked by {@link #visible} or {@link #changeable}). */
    public ModelVersion version(UUID modelId, String version) {
        return models.findVersion(modelId, version).orElseThrow(() -> new NotFoundException("version", version));
    }

    /** The model if the caller may change it, or its versions and artifacts: 404 unseen, 403 not an owner. */
    public Model changeable(UUID id) {
        Model model = models.findModel(id).orElseThrow(() -> new NotFoundException("model", id));
        caller.get().requireOwner(model.getOrganizationId(), model.getOwners(), "model", id);
        return model;
    }
}
