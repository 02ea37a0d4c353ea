package org.modelregistry.api.search;

import java.util.List;
import java.util.UUID;

/** Search over the catalog, limited to the organizations the caller is a member of. */
public interface SearchService {

    SearchResultDto search(SearchRequest request);

    /**
     * Models like this one, most similar first: by meaning (its sentence embedding) once it is embedded, else by
     * the terms of its name, description and tags.
     */
    List<SearchHitDto> similar(UUID modelId, Integer limit);

    /** Starts a rebuild of the index from the database (registry administrators); searches go on meanwhile. */
    ReindexStatusDto reindex();

    ReindexStatusDto reindexStatus();
}
