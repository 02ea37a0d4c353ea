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
     * Applies an RFC 7386 merge patch.
     *
     * @param expectedRevision the revision the caller last saw ({@code If-Match}), or null to skip the check
     */
    ModelDto patch(UUID id, JsonObject mergePatch, Long expectedRevision);

    /** Deletes a model that has no versions. */
    void delete(UUID id, Long expectedRevision);
}
