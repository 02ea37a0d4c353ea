package org.modelregistry.domain.catalog;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.modelregistry.api.catalog.CatalogQuery;
import org.modelregistry.api.catalog.CatalogSort;
import org.modelregistry.api.catalog.ModelSummaryDto;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;

/** Loads and stores the model aggregate: models, their versions and artifacts. */
public interface ModelRepository {

    /** Filters of a model listing; null fields match anything. */
    record ModelFilter(String group, String name, RiskTier riskTier, String tag, String owner) {}

    Organization defaultOrganization();

    Optional<Organization> organization(UUID id);

    /** The organization, locked for update until the transaction ends (a quota check holds it). */
    Optional<Organization> lockOrganization(UUID id);

    /** The bytes of the organization's artifacts whose content is stored. */
    long storedBytes(UUID organizationId);

    Optional<Model> findModel(UUID id);

    /**
     * A model as readers see it, with its owners, tags and organization's slug, in one round trip (no lazy loading of
     * its collections): what GET by id answers when the read cache does not hold the model.
     */
    Optional<ModelView> findModelView(UUID id);

    Optional<Model> findModel(UUID organizationId, String group, String name);

    /**
     * Models in id (creation) order after {@code after}, at most {@code limit}.
     *
     * @param organizationIds the organizations to list from; null means all
     */
    List<Model> listModels(Set<UUID> organizationIds, ModelFilter filter, UUID after, int limit);

    /** Where a catalog page starts: after the row with this sort key (as text) and id. */
    record CatalogPosition(String key, UUID id) {}

    /**
     * A page of the catalog in one query: the models matching the filters in the query's order after {@code after},
     * each with its owners, tags and latest version (looked up for the page's rows only), at most {@code limit}.
     * The sort key of a row, as the next page's position takes it, is {@link #catalogKey}.
     *
     * @param organizationIds the organizations to list from; null means all
     */
    List<ModelSummaryDto> catalog(Set<UUID> organizationIds, CatalogQuery query, CatalogPosition after, int limit);

    /** The sort key of a catalog row, as text (what {@link CatalogPosition#key} holds). */
    static String catalogKey(CatalogQuery query, ModelSummaryDto row) {
        return switch (query.sort() == null ? CatalogSort.NAME : query.sort()) {
            case NAME -> row.name();
            case GROUP -> row.group();
            case RISK_TIER -> String.valueOf(row.riskTier().ordinal()); // the rank the query sorts by
            case UPDATED -> row.updatedAt().toInstant().toString();
        };
    }

    Optional<Organization> organization(String slug);

    List<Organization> organizations();

    long countVersions(UUID modelId);

    Optional<ModelVersion> findVersion(UUID modelId, String version);

    /**
     * Adds a version and writes it at once, leaving the model's unique key on version names to find a name taken
     * (one statement instead of a look-up and an insert).
     *
     * @return false when the model already has a version of that name (the transaction is then to be rolled back)
     */
    boolean addVersion(ModelVersion version);

    /**
     * @param bySemver  order by precedence, highest first (else by creation, oldest first)
     * @param afterKey  sort key of the last item of the previous page (semver order only)
     */
    List<ModelVersion> listVersions(
            UUID modelId, VersionState state, boolean bySemver, String afterKey, UUID afterId, int limit);

    /**
     * Versions whose metadata holds {@code value} as text at {@code path}, in id order, at most {@code limit}.
     *
     * @param organizationIds the organizations to look in; null means all
     */
    List<ModelVersion> findVersionsByMetadata(Set<UUID> organizationIds, List<String> path, String value, int limit);

    Optional<Artifact> findArtifact(UUID versionId, UUID artifactId, boolean lockForUpdate);

    Optional<Artifact> findArtifact(UUID versionId, String name);

    List<Artifact> listArtifacts(UUID versionId, UUID after, int limit);

    void add(Object entity);

    void remove(Object entity);

    /**
     * Writes pending changes now, so that constraint violations and lost optimistic-lock races surface inside the
     * service call (as 409 and 412) instead of at commit.
     */
    void flush();
}
