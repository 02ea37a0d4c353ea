package org.modelregistry.interfaces.web.catalog;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.catalog.ArtifactDto;
import org.modelregistry.api.catalog.ArtifactType;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.problem.NotFoundException;

/**
 * What the catalog's view-scoped pages keep between requests: small serializable copies of the services' DTOs (the
 * session is the console's only state, and kept small enough to be replicated), and the parsing of page parameters.
 * Pages read the records through their accessors ({@code #{row.name()}}): Expression Language 5.0 has no record
 * properties.
 */
public final class CatalogViews {

    private CatalogViews() {}

    public record ModelView(
            UUID id,
            String organization,
            String group,
            String name,
            String description,
            List<String> owners,
            RiskTier riskTier,
            List<String> tags,
            OffsetDateTime updatedAt,
            String updatedBy,
            long revision)
            implements Serializable {

        static ModelView of(ModelDto m) {
            return new ModelView(
                    m.id(),
                    m.organization(),
                    m.group(),
                    m.name(),
                    m.description(),
                    List.copyOf(m.owners()),
                    m.riskTier(),
                    List.copyOf(m.tags()),
                    m.updatedAt(),
                    m.updatedBy(),
                    m.revision());
        }
    }

    public record VersionRow(String version, VersionState state, OffsetDateTime createdAt, String createdBy)
            implements Serializable {

        static VersionRow of(ModelVersionDto v) {
            return new VersionRow(v.version(), v.state(), v.createdAt(), v.createdBy());
        }
    }

    public record ArtifactRow(
            UUID id, String name, ArtifactType type, String sha256, Long size, String license, boolean stored)
            implements Serializable {

        static ArtifactRow of(ArtifactDto a) {
            return new ArtifactRow(a.id(), a.name(), a.type(), a.sha256(), a.size(), a.license(), a.stored());
        }
    }

    /** A model id from the address: anything that is not one names no model (404, like a model one may not see). */
    static UUID modelId(String text) {
        try {
            return UUID.fromString(text == null ? "" : text.trim());
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("model", text);
        }
    }

    /** What was typed, trimmed; nothing (null) when only blanks were. */
    static String blankToNull(String typed) {
        return typed == null || typed.isBlank() ? null : typed.trim();
    }

    /** A comma- or space-separated list as typed ("a, b c"), without blanks. */
    static List<String> list(String typed) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        return Arrays.stream(typed.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    static String text(List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }
}
