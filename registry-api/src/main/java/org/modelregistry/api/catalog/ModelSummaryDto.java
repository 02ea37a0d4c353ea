package org.modelregistry.api.catalog;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A row of the model catalog: the model with its latest version (highest precedence) and that version's state, both
 * null for a model without versions. Serializable: the console keeps a page of them in its view state.
 */
public record ModelSummaryDto(
        UUID id,
        String organization,
        String group,
        String name,
        RiskTier riskTier,
        List<String> owners,
        List<String> tags,
        OffsetDateTime updatedAt,
        String latestVersion,
        VersionState latestState)
        implements Serializable {}
