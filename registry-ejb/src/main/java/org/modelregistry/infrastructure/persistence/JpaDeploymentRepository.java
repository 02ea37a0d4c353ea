package org.modelregistry.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.modelregistry.domain.deployment.CallOutcome;
import org.modelregistry.domain.deployment.CiSystem;
import org.modelregistry.domain.deployment.Deployment;
import org.modelregistry.domain.deployment.DeploymentCall;
import org.modelregistry.domain.deployment.DeploymentRepository;
import org.modelregistry.domain.deployment.DeploymentState;
import org.modelregistry.domain.deployment.DeploymentSubject;
import org.modelregistry.domain.deployment.DeploymentView;
import org.modelregistry.domain.shared.SqlValues;

/** {@link DeploymentRepository} on the registry's JTA persistence unit. */
@ApplicationScoped
public class JpaDeploymentRepository implements DeploymentRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public void add(Deployment deployment) {
        em.persist(deployment);
        em.flush(); // inserted now, as the request's later statements (audit) expect
    }

    @Override
    public Optional<Deployment> lock(UUID id) {
        // read again (SELECT ... FOR UPDATE) even when the persistence context already holds it
        return Optional.ofNullable(
                em.find(Deployment.class, id, LockModeType.PESSIMISTIC_WRITE, Map.of("eclipselink.refresh", "true")));
    }

    @Override
    public List<UUID> unreported(int minutes) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNamedQuery("Deployment.unreported")
                .setParameter(1, minutes)
                .getResultList();
        return ids.stream().map(UUID::fromString).toList();
    }

    @Override
    public Optional<DeploymentView> view(UUID id) {
        return em.createNamedQuery("Deployment.viewById", DeploymentView.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<DeploymentView> viewsOfVersion(UUID versionId) {
        return em.createNamedQuery("Deployment.viewsByVersion", DeploymentView.class)
                .setParameter("versionId", versionId)
                .getResultList();
    }

    @Override
    public List<DeploymentCall> calls(Collection<UUID> deploymentIds) {
        if (deploymentIds.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery("DeploymentCall.findByDeployments", DeploymentCall.class)
                .setParameter("deploymentIds", List.copyOf(deploymentIds))
                .getResultList();
    }

    @Override
    public long count(UUID targetId, Collection<DeploymentState> states) {
        return em.createNamedQuery("Deployment.countByTargetAndStates", Long.class)
                .setParameter("targetId", targetId)
                .setParameter("states", List.copyOf(states))
                .getSingleResult();
    }

    @Override
    public Optional<String> previousSucceededVersion(Deployment deployment, String ownVersion) {
        return em.createNamedQuery("Deployment.previousVersion", String.class)
                .setParameter("targetId", deployment.getTargetId())
                .setParameter("modelId", deployment.getModelId())
                .setParameter("state", DeploymentState.SUCCEEDED)
                .setParameter("before", deployment.getRequestedAt())
                .setParameter("version", ownVersion)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    @Override
    public DeploymentSubject subject(Deployment deployment) {
        return em.createNamedQuery("Deployment.subject", DeploymentSubject.class)
                .setParameter("versionId", deployment.getVersionId())
                .getSingleResult();
    }

    @Override
    public void recordCall(
            UUID deploymentId,
            int attempt,
            OffsetDateTime startedAt,
            int durationMs,
            CallOutcome outcome,
            Integer httpStatus,
            String detail) {
        em.createNamedQuery("DeploymentCall.record")
                .setParameter(1, deploymentId.toString())
                .setParameter(2, attempt)
                .setParameter(3, startedAt)
                .setParameter(4, durationMs)
                .setParameter(5, outcome.name())
                .setParameter(6, httpStatus)
                .setParameter(7, DeploymentCall.keptDetail(detail))
                .setParameter(8, deploymentId.toString())
                .executeUpdate();
    }

    @Override
    public boolean recordCiDelivery(
            UUID targetId, CiSystem system, String deliveryId, UUID deploymentId, String event, DeploymentState state) {
        return em.createNamedQuery("Deployment.recordCiDelivery")
                        .setParameter(1, targetId.toString())
                        .setParameter(2, system.name())
                        .setParameter(3, deliveryId)
                        .setParameter(4, deploymentId.toString())
                        .setParameter(5, event.length() <= 64 ? event : event.substring(0, 64))
                        .setParameter(6, state.name())
                        .executeUpdate()
                > 0;
    }

    @Override
    public OffsetDateTime now() {
        return SqlValues.time(em.createNamedQuery("Deployment.databaseNow").getSingleResult())
                .withOffsetSameInstant(ZoneOffset.UTC);
    }
}
