package org.modelregistry.api.policy;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.common.RecentFailuresDto;
import org.modelregistry.api.common.RecentFailuresQuery;

/** Policies: CRUD for administrators, dry runs and the stored evaluations for whoever can see the version. */
public interface PolicyService {

    /** Creates a policy (see docs/governance.md); 422 with line and column for a bad expression. */
    PolicyDto create(CreatePolicyRequest request);

    /** Global policies and those of the caller's organizations. */
    List<PolicyDto> list();

    PolicyDto get(UUID id);

    /** Replaces the policy's definition (JSON Merge Patch); the policy version goes up by one. */
    PolicyDto update(UUID id, JsonObject patch, Long expectedRevision);

    /** Disables a policy: it stays, with its revisions, for the evaluations that name it. */
    void disable(UUID id, Long expectedRevision);

    List<PolicyRevisionDto> revisions(UUID id);

    /** Evaluates the policies that would gate moving the version to {@code to}, changing nothing. */
    PolicyCheckDto check(UUID modelId, String version, VersionState to, String environment);

    List<PolicyEvaluationDto> evaluations(UUID modelId, String version);

    /**
     * The latest stored evaluations of BLOCKING policies that failed (or erred) and so held a move back, in the
     * caller's organizations, and their number per day.
     */
    RecentFailuresDto recentBlocks(RecentFailuresQuery query);
}
