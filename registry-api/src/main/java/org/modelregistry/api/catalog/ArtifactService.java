package org.modelregistry.api.catalog;

import java.io.InputStream;
import java.util.UUID;
import org.modelregistry.api.common.Page;

/** Artifacts of a model version and their content in the registry's blob store. */
public interface ArtifactService {

    ArtifactDto create(UUID modelId, String version, CreateArtifactRequest request);

    ArtifactDto get(UUID modelId, String version, UUID artifactId);

    Page<ArtifactDto> list(UUID modelId, String version, Integer limit, String cursor);

    /**
     * Streams content into the blob store, hashing it on the way in. A digest that differs from the declared one
     * stores nothing and fails with 422.
     */
    ArtifactDto storeContent(
            UUID modelId, String version, UUID artifactId, InputStream content, String mediaType, Long declaredBytes);

    /** The largest upload accepted, in bytes ({@code registry.storage.max-upload-bytes}). */
    long maxUploadBytes();

    /** Where the uploaded content is; 404 when the artifact is only referenced by URI. */
    ArtifactContent content(UUID modelId, String version, UUID artifactId);
}
