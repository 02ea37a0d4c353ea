package org.modelregistry.domain.search;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What recommendations are drawn from: who reviewed, which suites and policies ran, what is deployed. */
public interface RecommendationSources {

    /** A reviewer's decision on a version of a model. */
    record Review(String reviewer, UUID modelId) {}

    /** A run of a suite on a version of a model ({@code passed}: its state is PASSED). */
    record SuiteRun(UUID suiteId, String suiteName, UUID modelId, boolean passed) {}

    /** A policy's evaluation on a version of a model ({@code failed}: its result is not PASS). */
    record PolicyEvaluation(UUID policyId, String policyName, String severity, UUID modelId, boolean failed) {}

    /** A DEPLOYED version of a model. */
    record DeployedVersion(UUID modelId, String version) {}

    /** The usernames of the organization's active members holding REVIEWER. */
    Set<String> reviewers(UUID organizationId);

    List<Review> reviews(Collection<UUID> modelIds);

    List<SuiteRun> suiteRuns(Collection<UUID> modelIds);

    /** Who submitted this version for review, in any round. */
    Set<String> submitters(UUID versionId);

    /** The suites run on this version (any outcome). */
    Set<UUID> suitesRunOn(UUID versionId);

    /** Evaluations of the enabled policies of this organization or of every organization. */
    List<PolicyEvaluation> policyEvaluations(Collection<UUID> modelIds, UUID organizationId);

    List<DeployedVersion> deployedVersions(Collection<UUID> modelIds);
}
