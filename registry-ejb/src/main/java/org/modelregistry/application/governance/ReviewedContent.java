package org.modelregistry.application.governance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;
import org.modelregistry.api.problem.ContentChangedException;
import org.modelregistry.application.policy.PolicyGate;
import org.modelregistry.domain.catalog.Artifact;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.catalog.VersionContent;

/**
 * The digest of a version's content as it is now, and the check that an approved version still holds the content
 * reviewers approved, which aliases, deployments and evidence make before they rely on an approval.
 */
@ApplicationScoped
public class ReviewedContent {

    private static final Logger LOG = Logger.getLogger(ReviewedContent.class.getName());

    @Inject
    ModelRepository models;

    /** The content digest of the version ({@link VersionContent}) over all its artifacts. */
    public String digest(ModelVersion version) {
        List<Artifact> artifacts = models.listArtifacts(version.getId(), null, PolicyGate.MAX_ARTIFACTS + 1);
        if (artifacts.size() > PolicyGate.MAX_ARTIFACTS) {
            throw new IllegalStateException(
                    "More than " + PolicyGate.MAX_ARTIFACTS + " artifacts: the content" + " cannot be judged");
        }
        return VersionContent.digest(version, artifacts);
    }

    /**
     * 409 {@code content-changed} when an approved version's content differs from what was approved. Versions that
     * were never approved have no approved content to hold to. A version approved before digests were kept gets the
     * digest of its content now (frozen since its approval) on its first check.
     */
    public void requireApprovedContent(ModelVersion version) {
        if (!version.isContentFrozen()) {
            return;
        }
        String current = digest(version);
        if (version.getApprovedDigest() == null) {
            LOG.info(() -> "recording the approved content digest of version " + version.getId()
                    + ", approved before digests were kept");
            version.recordApprovedDigest(current);
            return;
        }
        if (!version.getApprovedDigest().equals(current)) {
            throw new ContentChangedException(version.getVersion(), version.getApprovedDigest(), current);
        }
    }
}
