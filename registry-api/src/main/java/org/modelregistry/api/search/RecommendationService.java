package org.modelregistry.api.search;

import java.util.UUID;

/** Suggestions for a version drawn from the models most like its model (see {@link RecommendationsDto}). */
public interface RecommendationService {

    /**
     * @param limit how many similar models to draw from (default 10, 1-50)
     * @throws org.modelregistry.api.problem.NotFoundException when the caller may not see the model or the version
     */
    RecommendationsDto recommend(UUID modelId, String version, Integer limit);
}
