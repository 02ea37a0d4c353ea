package org.modelregistry.api.governance;

import java.util.List;
import java.util.UUID;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.catalog.VersionState;

/** Moves versions through their lifecycle and records reviewers' decisions. */
public interface LifecycleService {

    /** A requested move; moves that only approvals can make (to APPROVED, REJECTED...) are refused (409). */
    ModelVersionDto transition(UUID modelId, String version, VersionState to, String comment);

    /** A reviewer's decision; enough distinct approvals (per risk tier) approve the version. */
    ApprovalDto decide(UUID modelId, String version, Decision decision, String comment);

    List<ApprovalDto> approvals(UUID modelId, String version);
}
