package org.modelregistry.application.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.catalog.ModelView;
import org.modelregistry.domain.catalog.Organization;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.infrastructure.cache.CatalogCache;

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

    @Inject
    CatalogCache cache;

    /** The model if the caller may see it; 404 otherwise, whether or not it exists. */
    public Model visible(UUID id) {
        Model model = models.findModel(id).orElseThrow(() -> new NotFoundException("model", id));
        caller.get().requireVisible(model.getOrganizationId(), "model", id);
        return model;
    }

    /**
     * The model as the caller may see it, through the cluster's read cache: the same rule as {@link #visible},
     * without a database read when the model is cached.
     */
    public ModelDto visibleDto(UUID id) {
        ModelView cached = cache.model(id, ModelView.class, () -> models.findModelView(id))
                .orElseThrow(() -> new NotFoundException("model", id));
        caller.get().requireVisible(cached.organizationId(), "model", id);
        return cached.model();
    }

    /** A version of a model, through the read cache (the caller's right to the model checked by the caller). */
    public ModelVersionDto versionDto(UUID modelId, String version) {
        return cache.version(
                        modelId,
                        version,
                        ModelVersionDto.class,
                        () -> models.findVersion(modelId, version).map(CatalogMapper::toDto))
                .orElseThrow(() -> new NotFoundException("version", version));
    }

    String slug(Model model) {
        return models.organization(model.getOrganizationId())
                .map(Organization::getSlug)
                .orElse(null);
    }

    /** A version of a model (the caller's right to the model is checked by {@link #visible} or {@link #changeable}). */
    public ModelVersion version(UUID modelId, String version) {
        return models.findVersion(modelId, version).orElseThrow(() -> new NotFoundException("version", version));
    }

    /**
     * The same rule as {@link #editable}, for a change that adds to the model without changing its row (a version):
     * checked on the model as the read cache holds it, which every server empties when a change of the model commits
     * (owners, organization), so the check sees what a read in the transaction would, without its two statements.
     */
    public ModelView editableView(UUID id) {
        ModelView view = cache.model(id, ModelView.class, () -> models.findModelView(id))
                .orElseThrow(() -> new NotFoundException("model", id));
        Caller who = caller.get();
        who.requireOwner(view.organizationId(), view.model().owners(), "model", id);
        requireContributor(who, view.organizationId(), id);
        return view;
    }

    /** The model if the caller may change it, or its versions and artifacts: 404 unseen, 403 not an owner. */
    public Model changeable(UUID id) {
        Model model = models.findModel(id).orElseThrow(() -> new NotFoundException("model", id));
        caller.get().requireOwner(model.getOrganizationId(), model.getOwners(), "model", id);
        return model;
    }

    /**
     * The model if the caller may change it or add to it (its details, versions, artifacts): {@link #changeable}, and
     * CONTRIBUTOR or ADMIN in its organization. The API's resources also ask for one of these roles; holding the rule
     * here makes it hold for every client (the console too), so an owner who is only a VIEWER cannot edit.
     */
    public Model editable(UUID id) {
        Model model = changeable(id);
        requireContributor(caller.get(), model.getOrganizationId(), id);
        return model;
    }

    private static void requireContributor(Caller who, UUID org, UUID id) {
        if (!who.registryAdmin() && !who.has(org, Role.CONTRIBUTOR) && !who.has(org, Role.ADMIN)) {
            throw new ForbiddenException("Changing model " + id + " takes the CONTRIBUTOR role in its organization");
        }
    }
}
