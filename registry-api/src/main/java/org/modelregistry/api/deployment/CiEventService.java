package org.modelregistry.api.deployment;

import java.util.Map;
import java.util.UUID;

/**
 * Events of the CI/CD systems deployment targets call (GitHub, GitLab, Jenkins), verified the way each system signs
 * them, that report a deployment's progress without a service account (docs/deployments-ci-events.md).
 */
public interface CiEventService {

    /**
     * Verifies, reads and applies one event posted for a target.
     *
     * @param system {@code github}, {@code gitlab} or {@code jenkins} (404 otherwise)
     * @param headers the request's headers with lower-case names (signature, token, event, delivery id)
     * @param body the raw body, exactly as signed
     * @return what came of it; refusals are problems: 401 (signature or token), 400 (unreadable, or too old),
     *     403 (a deployment that is not the target's), 409 (contradicts the deployment's final state)
     */
    CiEventReceipt receive(String system, UUID targetId, Map<String, String> headers, byte[] body);
}
