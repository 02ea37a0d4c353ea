package org.modelregistry.api.search;

import java.util.List;
import java.util.UUID;

/**
 * What the registry suggests for a version, each with its reason, from the models most similar to the version's model
 * among those the caller may see ({@code similarModels}, most similar first; {@code similarity} says whether they
 * were found by meaning, {@code semantic}, or by shared words, {@code lexical}):
 *
 * <ul>
 *   <li>{@code reviewers}: people who reviewed those models and may review this version (REVIEWER in its organization,
 *       active, neither an owner of the model nor its submitter), most weight first;
 *   <li>{@code suites}: evaluation suites run on those models, and whether this version has run each;
 *   <li>{@code policies}: policies of this version's organization (or of every organization) evaluated on them;
 *   <li>{@code deployed}: those models that have a DEPLOYED version ("is there already a model for this?").
 * </ul>
 */
public record RecommendationsDto(
        UUID modelId,
        String version,
        String similarity,
        List<SearchHitDto> similarModels,
        List<Reviewer> reviewers,
        List<Suite> suites,
        List<Policy> policies,
        List<DeployedModel> deployed) {

    /** A suggested reviewer: {@code weight} sums the similarity of the similar models they reviewed. */
    public record Reviewer(String username, double weight, List<String> reviewedModels, String reason) {}

    public record Suite(UUID id, String name, int similarModels, int passed, boolean runOnThisVersion, String reason) {}

    public record Policy(UUID id, String name, String severity, int similarModels, int failed, String reason) {}

    public record DeployedModel(
            UUID modelId, String group, String name, List<String> versions, float score, String reason) {}
}
