package org.modelregistry.api.catalog;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.common.Page;

/** Versions of a model, addressed by their semantic version string. */
public interface ModelVersionService {

    ModelVersionDto create(UUID modelId, CreateVersionRequest request);

    ModelVersionDto get(UUID modelId, String version);

    Page<ModelVersionDto> list(UUID modelId, VersionQuery query);

    /**
     * Versions of the models the caller may see whose metadata holds {@code value} (as text) at {@code path} (keys
     * of nested objects, each letters, digits, {@code _} or {@code -}), oldest first, at most {@code limit} (1 to
     * 1000). The MLflow-compatible API finds a training run's versions with it ({@code mlflow.run_id}).
     */
    List<ModelVersionDto> findByMetadata(List<String> path, String value, int limit);

    ModelVersionDto patch(UUID modelId, String version, JsonObject mergePatch, Long expectedRevision);
}
