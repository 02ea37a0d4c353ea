package org.modelregistry.api.catalog;

import jakarta.json.JsonObject;
import java.util.UUID;
import org.modelregistry.api.common.Page;

/** Versions of a model, addressed by their semantic version string. */
public interface ModelVersionService {

    ModelVersionDto create(UUID modelId, CreateVersionRequest request);

    ModelVersionDto get(UUID modelId, String version);

    Page<ModelVersionDto> list(UUID modelId, VersionQuery query);

    ModelVersionDto patch(UUID modelId, String version, JsonObject mergePatch, Long expectedRevision);
}
