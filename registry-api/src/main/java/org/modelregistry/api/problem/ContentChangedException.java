package org.modelregistry.api.problem;

import java.util.List;
import java.util.Map;

/**
 * 409: a version's content is not the content reviewers approved (its digest differs from the one recorded with the
 * approval, or from the one submitted for review): nothing that relies on the approval may use it.
 */
public class ContentChangedException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public ContentChangedException(String version, String approvedDigest, String currentDigest) {
        super(
                409,
                "content-changed",
                "Content changed since review",
                "The content of version " + version
                        + " is not the content that was reviewed (reviewed " + approvedDigest + ", now "
                        + currentDigest + "); register a new version",
                List.of(new FieldError(
                        "version", "content digest " + currentDigest + " differs from the reviewed " + approvedDigest)),
                Map.of("reviewedDigest", approvedDigest, "contentDigest", currentDigest));
    }
}
