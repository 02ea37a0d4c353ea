package org.modelregistry.api.problem;

import java.util.List;
import java.util.Map;

/**
 * 409: the approval a version holds has expired (its risk tier's validity period has passed): it cannot be put
 * into production again until it is reviewed again (owners move it back to IN_REVIEW for a new round).
 */
public class ApprovalExpiredException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public ApprovalExpiredException(String version, String expiredAt) {
        super(
                409,
                "approval-expired",
                "Approval expired",
                "The approval of version " + version + " expired at " + expiredAt
                        + "; move it to IN_REVIEW for a new review round",
                List.of(new FieldError("version", "approval expired at " + expiredAt)),
                Map.of("expiredAt", expiredAt, "allowedTransitions", List.of("IN_REVIEW")));
    }
}
