package org.modelregistry.api.problem;

import java.util.List;
import java.util.Map;

/**
 * 503: the blob store (an S3-compatible object store) failed or could not be reached; nothing was stored, and the
 * request may be tried again. The detail names no credential.
 */
public class StorageUnavailableException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String detail) {
        super(503, "storage-unavailable", "Artifact storage unavailable", detail, List.of(), Map.of());
    }
}
