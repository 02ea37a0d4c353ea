package org.modelregistry.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.PreconditionFailedException;
import org.modelregistry.domain.catalog.Artifact;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.catalog.Organization;

/** {@link ModelRepository} on the registry's JTA persistence unit. */
@ApplicationScoped
public class JpaModelRepository implements ModelRepository {

    static final UUID DEFAULT_ORGANIZATION = UUID.fromString("00000000-0000-7000-8000-000000000001");

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public Organization defaultOrganization() {
        return em.find(Organization.class, DEFAULT_ORGANIZATION);
    }

    @Override
    public Optional<Organization> organization(UUID id) {
        return Optional.ofNullable(em.find(Organization.class, id));
    }

    @Override
    public Optional<Organization> lockOrganization(UUID id) {
        return Optional.ofNullable(em.find(Organization.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public long storedBytes(UUID organizationId) {
        return ((Number) em.createNamedQuery("Artifact.storedBytesOfOrganization")
                        .setParameter(1, organizationId.toString())
                        .getSingleResult())
                .longValue();
    }

    @Override
    public Optional<Model> findModel(UUID id) {
        return Optional.ofNullable(em.find(Model.class, id));
    }

    @Override
    public Optional<Model> findModel(UUID organizationId, String group, String name) {
        return em.createNamedQuery("Model.findByGroupAndName", Model.class)
                .setParameter("organizationId", organizationId)
                .setParameter("group", group)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<Organization> organization(String slug) {
        return em.createNamedQuery("Organization.findBySlug", Organization.class)
                .setParameter("slug", slug)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<Organization> organizations() {
        return em.createQuery("SELECT o FROM Organization o ORDER BY o.slug", Organization.class)
                .getResultList();
    }

    @Override
    public List<Model> listModels(Set<UUID> organizationIds, ModelFilter f, UUID after, int limit) {
        if (organizationIds != null && organizationIds.isEmpty()) {
            return List.of();
        }
        StringBuilder jpql = new StringBuilder("SELECT m FROM Model m WHERE 1 = 1");
        if (organizationIds != null) {
            jpql.append(" AND m.organizationId IN :orgs");
        }
        if (f.group() != null) {
            jpql.append(" AND m.group = :group");
        }
        if (f.name() != null) {
            jpql.append(" AND m.name = :name");
        }
        if (f.riskTier() != null) {
            jpql.append(" AND m.riskTier = :riskTier");
        }
        if (f.tag() != null) {
            jpql.append(" AND :tag MEMBER OF m.tags");
        }
        if (f.owner() != null) {
            jpql.append(" AND :owner MEMBER OF m.owners");
        }
        if (after != null) {
            jpql.append(" AND m.id > :after");
        }
        jpql.append(" ORDER BY m.id");
        TypedQuery<Model> q = em.createQuery(jpql.toString(), Model.class);
        if (organizationIds != null) {
            q.setParameter("orgs", List.copyOf(organizationIds));
        }
        if (f.group() != null) {
            q.setParameter("group", f.group());
        }
        if (f.name() != null) {
            q.setParameter("name", f.name());
        }
        if (f.riskTier() != null) {
            q.setParameter("riskTier", f.riskTier());
        }
        if (f.tag() != null) {
            q.setParameter("tag", f.tag());
        }
        if (f.owner() != null) {
            q.setParameter("owner", f.owner());
        }
        if (after != null) {
            q.setParameter("after", after);
        }
        // one IN query each for owners and tags of the whole page, not one per model
        q.setHint("eclipselink.batch.type", "IN");
        q.setHint("eclipselink.batch", "m.owners");
        q.setHint("eclipselink.batch", "m.tags");
        return q.setMaxResults(limit).getResultList();
    }

    @Override
    public long countVersions(UUID modelId) {
        return em.createNamedQuery("Model.countVersions", Long.class)
                .setParameter("modelId", modelId)
                .getSingleResult();
    }

    @Override
    public Optional<ModelVersion> findVersion(UUID modelId, String version) {
        return em.createNamedQuery("ModelVersion.findByModelAndVersion", ModelVersion.class)
                .setParameter("modelId", modelId)
                .setParameter("version", version)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<ModelVersion> listVersions(
            UUID modelId, VersionState state, boolean bySemver, String afterKey, UUID afterId, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT v FROM ModelVersion v WHERE v.modelId = :modelId");
        if (state != null) {
            jpql.append(" AND v.state = :state");
        }
        if (afterId != null) {
            jpql.append(
                    bySemver
                            ? " AND (v.versionKey < :afterKey OR (v.versionKey = :afterKey AND v.id < :afterId))"
                            : " AND v.id > :afterId");
        }
        jpql.append(bySemver ? " ORDER BY v.versionKey DESC, v.id DESC" : " ORDER BY v.id");
        TypedQuery<ModelVersion> q =
                em.createQuery(jpql.toString(), ModelVersion.class).setParameter("modelId", modelId);
        if (state != null) {
            q.setParameter("state", state);
        }
        if (afterId != null) {
            q.setParameter("afterId", afterId);
            if (bySemver) {
                q.setParameter("afterKey", afterKey);
            }
        }
        return q.setMaxResults(limit).getResultList();
    }

    @Override
    public Optional<Artifact> findArtifact(UUID versionId, UUID artifactId, boolean lockForUpdate) {
        Artifact a = lockForUpdate
                ? em.find(Artifact.class, artifactId, LockModeType.PESSIMISTIC_WRITE)
                : em.find(Artifact.class, artifactId);
        return Optional.ofNullable(a).filter(x -> x.getVersionId().equals(versionId));
    }

    @Override
    public Optional<Artifact> findArtifact(UUID versionId, String name) {
        return em.createNamedQuery("Artifact.findByVersionAndName", Artifact.class)
                .setParameter("versionId", versionId)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<Artifact> listArtifacts(UUID versionId, UUID after, int limit) {
        String jpql = "SELECT a FROM Artifact a WHERE a.versionId = :versionId"
                + (after == null ? "" : " AND a.id > :after") + " ORDER BY a.id";
        TypedQuery<Artifact> q = em.createQuery(jpql, Artifact.class).setParameter("versionId", versionId);
        if (after != null) {
            q.setParameter("after", after);
        }
        return q.setMaxResults(limit).getResultList();
    }

    @Override
    public void add(Object entity) {
        em.persist(entity);
    }

    @Override
    public void remove(Object entity) {
        em.remove(entity);
    }

    @Override
    public void flush() {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw new PreconditionFailedException("The object was changed concurrently; read it again and retry");
        } catch (PersistenceException e) {
            if (PersistenceErrors.isUniqueViolation(e)) {
                throw new ConflictException(
                        "An object with the same unique name already exists (concurrent create)", "name");
            }
            throw e;
        }
    }
}
