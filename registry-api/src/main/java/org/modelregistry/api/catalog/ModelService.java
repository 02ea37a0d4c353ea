package org.modelregistry.api.catalog;

import jakarta.json.JsonObject;
import java.util.UUID;
import org.modelregistry.api.common.Page;

/** The model aggregate: create, read, list, change (JSON Merge Patch) and delete models. */
public interface ModelService {

    ModelDto create(CreateModelRequest request);

    ModelDto get(UUID id);

    Page<ModelDto> list(ModelQuery query);

    /**
     * A page of the catalog the caller may see (the same organizations as {@link #list}), filtered and sorted, each
     * model with its latest version: one query per page, keyset-paged on the sort key and the id.
     */
    Page<ModelSummaryDto> catalog(CatalogQuery query);

    /**
     * The model, if the caller may change it (an owner holding CONTRIBUTOR in its organization, or an administrator):
     * 404 when they may not see it, 403 when they may see but not change it.
     */
    ModelDto getForChange(UUID id);

    /**
     * Applies an RFC 7386 merge patch.
     *
     * @param expectedRevision the revision the caller last saw ({@code If-Match}), or null to skip the check
     */
    ModelDto patch(UUID id, JsonObject mergePatch, Long expectedRevision);

    /** Deletes a model that has no versions. */
    void delete(UUID id, Long expectedRevision);
}
