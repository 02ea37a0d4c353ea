package org.modelregistry.api.governance;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Aliases of a model's versions, with their history. */
public interface AliasService {

    /** Points the alias at a version; protected aliases take an APPROVED version and a DEPLOYER. */
    AliasDto move(UUID modelId, String alias, String version);

    void remove(UUID modelId, String alias);

    List<AliasDto> list(UUID modelId);

    /** Where the alias pointed at {@code at} (now when null); 404 when it pointed nowhere then. */
    AliasDto get(UUID modelId, String alias, OffsetDateTime at);

    /**
     * The alias's moves, newest first, at most {@code limit} (1 to 200) of them; a removal is a move to no version
     * ({@code version} null). Empty for an alias the model never had.
     */
    List<AliasDto> history(UUID modelId, String alias, int limit);
}
