package org.modelregistry.domain.catalog;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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

    Optional<Model> findModel(UUID organizationId, String group, String name);

    /**
     * Models in id (creation) order after {@code after}, at most {@code limit}.
     *
     * @param organizationIds the organizations to list from; null means all
     */
    List<Model> listModels(Set<UUID> organizationIds, ModelFilter filter, UUID after, int limit);

    Optional<Organization> organization(String slug);

    List<Organization> organizations();

    long countVersions(UUID modelId);

    Optional<ModelVersion> findVersion(UUID modelId, String version);

    /**
     * @param bySemver  order by precedence, highest first (else by creation, oldest first)
     * @param afterKey  sort key of the last item of the previous page (semver order only)
     */
    List<ModelVersion> listVersions(
            UUID modelId, VersionState state, boolean bySemver, String afterKey, UUID afterId, int limit);

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
