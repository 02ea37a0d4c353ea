package org.modelregistry.domain.identity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * One row of a {@link SecretTable} whose secrets need sealing: plain text ({@code sealed} false, rows written before
 * V17) or sealed with a key that is no longer the current one. {@code values} follow {@link SecretTable#columns()};
 * a null is a secret that was never set.
 */
public record SealedRow(UUID id, UUID organizationId, boolean sealed, List<String> values) {

    public SealedRow {
        values = Collections.unmodifiableList(new ArrayList<>(values)); // nulls allowed: List.copyOf refuses them
    }
}
