package org.modelregistry.domain.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.modelregistry.api.search.RecommendationsDto.DeployedModel;
import org.modelregistry.api.search.RecommendationsDto.Policy;
import org.modelregistry.api.search.RecommendationsDto.Reviewer;
import org.modelregistry.api.search.RecommendationsDto.Suite;
import org.modelregistry.domain.search.RecommendationSources.DeployedVersion;
import org.modelregistry.domain.search.RecommendationSources.PolicyEvaluation;
import org.modelregistry.domain.search.RecommendationSources.Review;
import org.modelregistry.domain.search.RecommendationSources.SuiteRun;

/**
 * The rules of recommendations, drawn from the models most similar to a version's model (never the model itself,
 * only models the caller may see: the caller of {@link #Recommendations} passes those alone).
 *
 * <p>A suggested reviewer must be able to review the version: {@code eligible} holds the active REVIEWERs of the
 * version's organization, and the model's owners and the version's submitter and author are taken out, as four eyes
 * would refuse them. Reviewers are weighted by the similarity of the models they reviewed (each model once), so one
 * very similar model counts for more than a loosely related one.
 */
public final class Recommendations {

    /** A similar model as the search found it. */
    public record Similar(UUID modelId, String group, String name, float score) {}

    private static final int MAX_REVIEWERS = 5;
    private static final int MAX_NAMED = 3;

    private final Map<UUID, Similar> similar = new LinkedHashMap<>();

    public Recommendations(List<Similar> similarModels, UUID modelId) {
        for (Similar s : similarModels) {
            if (!s.modelId().equals(modelId)) {
                similar.putIfAbsent(s.modelId(), s);
            }
        }
    }

    public Set<UUID> modelIds() {
        return similar.keySet();
    }

    /**
     * @param eligible the active REVIEWERs of the version's organization
     * @param excluded who may not review this version (the model's owners, the submitter, the author), any case
     */
    public List<Reviewer> reviewers(List<Review> reviews, Set<String> eligible, Set<String> excluded) {
        Set<String> refused =
                excluded.stream().map(e -> e.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Map<String, Set<UUID>> reviewed = new LinkedHashMap<>();
        for (Review r : reviews) {
            if (similar.containsKey(r.modelId())
                    && eligible.contains(r.reviewer())
                    && !refused.contains(r.reviewer().toLowerCase(Locale.ROOT))) {
                reviewed.computeIfAbsent(r.reviewer(), k -> new LinkedHashSet<>())
                        .add(r.modelId());
            }
        }
        List<Reviewer> out = new ArrayList<>();
        reviewed.forEach((who, models) -> {
            List<Similar> theirs = ranked(models);
            double weight = theirs.stream().mapToDouble(Similar::score).sum();
            out.add(new Reviewer(
                    who,
                    round(weight),
                    theirs.stream().map(Recommendations::label).toList(),
                    "reviewed " + theirs.size() + " of the " + similar.size() + " most similar models: "
                            + named(theirs)));
        });
        out.sort(Comparator.comparingDouble(Reviewer::weight).reversed().thenComparing(Reviewer::username));
        return out.size() > MAX_REVIEWERS ? out.subList(0, MAX_REVIEWERS) : out;
    }

    public List<Suite> suites(List<SuiteRun> runs, Set<UUID> runOnThisVersion) {
        Map<UUID, String> names = new LinkedHashMap<>();
        Map<UUID, Set<UUID>> models = new LinkedHashMap<>();
        Map<UUID, Set<UUID>> passed = new LinkedHashMap<>();
        for (SuiteRun r : runs) {
            if (!similar.containsKey(r.modelId())) {
                continue;
            }
            names.put(r.suiteId(), r.suiteName());
            models.computeIfAbsent(r.suiteId(), k -> new LinkedHashSet<>()).add(r.modelId());
            if (r.passed()) {
                passed.computeIfAbsent(r.suiteId(), k -> new LinkedHashSet<>()).add(r.modelId());
            }
        }
        List<Suite> out = new ArrayList<>();
        models.forEach((suite, on) -> {
            int ok = passed.getOrDefault(suite, Set.of()).size();
            boolean here = runOnThisVersion.contains(suite);
            out.add(new Suite(
                    suite,
                    names.get(suite),
                    on.size(),
                    ok,
                    here,
                    "run on " + on.size() + " of the " + similar.size() + " most similar models (" + ok + " passed): "
                            + named(ranked(on)) + (here ? "; already run on this version" : "")));
        });
        out.sort(Comparator.comparing(Suite::runOnThisVersion)
                .thenComparing(Comparator.comparingInt(Suite::similarModels).reversed())
                .thenComparing(Suite::name));
        return out;
    }

    public List<Policy> policies(List<PolicyEvaluation> evaluations) {
        Map<UUID, PolicyEvaluation> first = new LinkedHashMap<>();
        Map<UUID, Set<UUID>> models = new LinkedHashMap<>();
        Map<UUID, Set<UUID>> failed = new LinkedHashMap<>();
        for (PolicyEvaluation e : evaluations) {
            if (!similar.containsKey(e.modelId())) {
                continue;
            }
            first.putIfAbsent(e.policyId(), e);
            models.computeIfAbsent(e.policyId(), k -> new LinkedHashSet<>()).add(e.modelId());
            if (e.failed()) {
                failed.computeIfAbsent(e.policyId(), k -> new LinkedHashSet<>()).add(e.modelId());
            }
        }
        List<Policy> out = new ArrayList<>();
        models.forEach((policy, on) -> {
            Set<UUID> held = failed.getOrDefault(policy, Set.of());
            PolicyEvaluation e = first.get(policy);
            out.add(new Policy(
                    policy,
                    e.policyName(),
                    e.severity(),
                    on.size(),
                    held.size(),
                    "evaluated on " + on.size() + " of the " + similar.size() + " most similar models: "
                            + named(ranked(on))
                            + (held.isEmpty() ? "" : "; it failed on " + named(ranked(held)))));
        });
        out.sort(Comparator.comparingInt(Policy::failed)
                .reversed()
                .thenComparing(Comparator.comparingInt(Policy::similarModels).reversed())
                .thenComparing(Policy::name));
        return out;
    }

    public List<DeployedModel> deployed(List<DeployedVersion> versions) {
        Map<UUID, List<String>> byModel = new LinkedHashMap<>();
        for (DeployedVersion v : versions) {
            if (similar.containsKey(v.modelId())) {
                byModel.computeIfAbsent(v.modelId(), k -> new ArrayList<>()).add(v.version());
            }
        }
        List<DeployedModel> out = new ArrayList<>();
        for (Similar s : similar.values()) { // most similar first
            List<String> deployed = byModel.get(s.modelId());
            if (deployed != null) {
                out.add(new DeployedModel(
                        s.modelId(),
                        s.group(),
                        s.name(),
                        deployed,
                        s.score(),
                        label(s) + " is deployed (" + String.join(", ", deployed)
                                + "): is there already a model for this?"));
            }
        }
        return out;
    }

    private List<Similar> ranked(Set<UUID> models) {
        return similar.values().stream()
                .filter(s -> models.contains(s.modelId()))
                .toList();
    }

    private static String named(List<Similar> models) {
        String shown = models.stream()
                .limit(MAX_NAMED)
                .map(s -> label(s) + String.format(Locale.ROOT, " (%.2f)", s.score()))
                .collect(Collectors.joining(", "));
        return models.size() > MAX_NAMED ? shown + " and " + (models.size() - MAX_NAMED) + " more" : shown;
    }

    private static String label(Similar s) {
        return s.group() + "/" + s.name();
    }

    private static double round(double weight) {
        return Math.round(weight * 1000) / 1000.0;
    }
}
