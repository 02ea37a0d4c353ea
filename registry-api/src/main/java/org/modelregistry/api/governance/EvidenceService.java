package org.modelregistry.api.governance;

import java.util.UUID;

/**
 * Evidence bundles: everything recorded about a version in one zip (model, version, artifacts with their digests,
 * approvals, audit trail) with a manifest of SHA-256 digests signed as a JWS by the registry's key.
 */
public interface EvidenceService {

    /** The zip, for auditors and registry administrators. */
    byte[] bundle(UUID modelId, String version);
}
