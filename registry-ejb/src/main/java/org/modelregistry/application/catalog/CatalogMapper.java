package org.modelregistry.application.catalog;

import org.modelregistry.api.catalog.ArtifactDto;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.domain.catalog.Artifact;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelVersion;

/** Entities to the DTOs of registry-api. */
public final class CatalogMapper {

    private CatalogMapper() {}

    public static ModelDto toDto(Model m, String organizationSlug) {
        return new ModelDto(
                m.getId(),
                organizationSlug,
                m.getGroup(),
                m.getName(),
                m.getDescription(),
                m.getOwners(),
                m.getRiskTier(),
                m.getTags(),
                m.getCreatedAt(),
                m.getCreatedBy(),
                m.getUpdatedAt(),
                m.getUpdatedBy(),
                m.getRowVersion());
    }

    public static ModelVersionDto toDto(ModelVersion v) {
        return new ModelVersionDto(
                v.getId(),
                v.getModelId(),
                v.getVersion(),
                v.getState(),
                v.getCommitSha(),
                v.getMetadata(),
                v.getDescription(),
                v.getSourceUri(),
                v.getCreatedAt(),
                v.getCreatedBy(),
                v.getUpdatedAt(),
                v.getUpdatedBy(),
                v.getRowVersion(),
                v.isContentFrozen(),
                v.getApprovedDigest());
    }

    public static ArtifactDto toDto(Artifact a, String version) {
        return new ArtifactDto(
                a.getId(),
                a.getModelId(),
                version,
                a.getType(),
                a.getName(),
                a.getUri(),
                a.getSha256(),
                a.getSize(),
                a.getLicense(),
                a.getMediaType(),
                a.isStored(),
                a.getCreatedAt(),
                a.getCreatedBy(),
                a.getUpdatedAt(),
                a.getRowVersion());
    }
}
