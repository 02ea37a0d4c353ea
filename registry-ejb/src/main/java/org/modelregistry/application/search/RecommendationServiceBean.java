package org.modelregistry.application.search;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.modelregistry.api.search.RecommendationService;
import org.modelregistry.api.search.RecommendationsDto;
import org.modelregistry.api.search.SearchHitDto;
import org.modelregistry.api.search.SearchService;
import org.modelregistry.application.catalog.ModelAccess;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.search.RecommendationSources;
import org.modelregistry.domain.search.Recommendations;

/**
 * Recommendations for a version: the similar models come from the search ({@link SearchService#similar}, which keeps
 * to the organizations the caller may see), the rest from the database about those models only; the rules are
 * {@link Recommendations}'. Reads only.
 */
@Stateless
@Local(RecommendationService.class)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class RecommendationServiceBean implements RecommendationService {

    @EJB
    SearchService search;

    @Inject
    ModelAccess access;

    @Inject
    RecommendationSources sources;

    @Override
    public RecommendationsDto recommend(UUID modelId, String version, Integer limit) {
        Model model = access.visible(modelId); // 404 unless the caller may see it
        ModelVersion v = access.version(modelId, version);
        List<SearchHitDto> similar = search.similar(modelId, limit);
        // by meaning once the model is embedded (each hit's semantic score, a cosine), else by shared words (BM25)
        boolean byMeaning = !similar.isEmpty()
                && similar.stream().allMatch(h -> h.match() != null && h.match().semanticScore() != null);
        Recommendations rules = new Recommendations(
                similar.stream()
                        .map(h -> new Recommendations.Similar(
                                h.modelId(),
                                h.group(),
                                h.name(),
                                byMeaning ? h.match().semanticScore() : h.score()))
                        .toList(),
                modelId);
        Set<UUID> ids = rules.modelIds();
        Set<String> excluded = new HashSet<>(model.getOwners());
        excluded.add(v.getCreatedBy());
        excluded.addAll(sources.submitters(v.getId()));
        return new RecommendationsDto(
                modelId,
                v.getVersion(),
                byMeaning ? "semantic" : "lexical",
                similar,
                rules.reviewers(sources.reviews(ids), sources.reviewers(model.getOrganizationId()), excluded),
                rules.suites(sources.suiteRuns(ids), sources.suitesRunOn(v.getId())),
                rules.policies(sources.policyEvaluations(ids, model.getOrganizationId())),
                rules.deployed(sources.deployedVersions(ids)));
    }
}
