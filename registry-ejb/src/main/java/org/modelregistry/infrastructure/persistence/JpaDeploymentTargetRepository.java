package org.modelregistry.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.modelregistry.api.problem.PreconditionFailedException;
import org.modelregistry.domain.deployment.DeploymentTarget;
import org.modelregistry.domain.deployment.DeploymentTargetRepository;

/** {@link DeploymentTargetRepository} on the registry's JTA persistence unit. */
@ApplicationScoped
public class JpaDeploymentTargetRepository implements DeploymentTargetRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public boolean add(DeploymentTarget t) {
        int inserted = em.createNamedQuery("DeploymentTarget.insert")
                .setParameter(1, t.getId())
                .setParameter(2, t.getOrganizationId())
                .setParameter(3, t.getName())
                .setParameter(4, t.getEnvironment())
                .setParameter(5, t.getKind())
                .setParameter(6, t.getFormat())
                .setParameter(7, t.getUrl())
                .setParameter(8, t.getSecret())
                .setParameter(9, t.getToken())
                .setParameter(10, t.getSettings())
                .setParameter(11, t.isEnabled())
                .setParameter(12, t.getCreatedAt())
                .setParameter(13, t.getCreatedBy())
                .setParameter(14, t.getUpdatedAt())
                .setParameter(15, t.getUpdatedBy())
                .setParameter(16, t.isSecretsSealed())
                .setParameter(17, t.getEventSecret())
                .executeUpdate();
        return inserted > 0;
    }

    @Override
    public Optional<DeploymentTarget> find(UUID id) {
        return Optional.ofNullable(em.find(DeploymentTarget.class, id));
    }

    @Override
    public Optional<DeploymentTarget> lockByName(UUID organizationId, String name) {
        return em.createNamedQuery("DeploymentTarget.findByName", DeploymentTarget.class)
                .setParameter("organizationId", organizationId)
                .setParameter("name", name)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<DeploymentTarget> list(Set<UUID> organizationIds) {
        if (organizationIds == null) {
            return em.createNamedQuery("DeploymentTarget.list", DeploymentTarget.class)
                    .getResultList();
        }
        if (organizationIds.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery("DeploymentTarget.listInOrganizations", DeploymentTarget.class)
                .setParameter("organizationIds", List.copyOf(organizationIds))
                .getResultList();
    }

    @Override
    public void save(DeploymentTarget target) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw new PreconditionFailedException("The target was changed concurrently; read it again and retry");
        }
        em.refresh(target);
    }
}
