package org.modelregistry.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.modelregistry.domain.catalog.Artifact;
import org.modelregistry.domain.evaluation.CheckOutcome;
import org.modelregistry.domain.evaluation.CheckOutcome.Status;
import org.modelregistry.domain.evaluation.EvaluationCheckResult;
import org.modelregistry.domain.evaluation.EvaluationRepository;
import org.modelregistry.domain.evaluation.EvaluationRun;
import org.modelregistry.domain.evaluation.EvaluationRunState;
import org.modelregistry.domain.evaluation.EvaluationSuite;

/** {@link EvaluationRepository} on the registry's JTA persistence unit. */
@ApplicationScoped
public class JpaEvaluationRepository implements EvaluationRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public List<EvaluationSuite> suites() {
        return em.createNamedQuery("EvaluationSuite.findAll", EvaluationSuite.class)
                .getResultList();
    }

    @Override
    public Optional<EvaluationSuite> findSuite(UUID id) {
        return Optional.ofNullable(em.find(EvaluationSuite.class, id));
    }

    @Override
    public Optional<EvaluationSuite> findSuite(String name) {
        return em.createNamedQuery("EvaluationSuite.findByName", EvaluationSuite.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    @Override
    public void add(EvaluationSuite suite) {
        store(suite);
    }

    @Override
    public void add(EvaluationRun run) {
        store(run);
    }

    private void store(Object entity) {
        em.persist(entity);
        em.flush();
        em.refresh(entity);
    }

    @Override
    public List<EvaluationRun> runs(UUID versionId) {
        return em.createNamedQuery("EvaluationRun.findByVersion", EvaluationRun.class)
                .setParameter("versionId", versionId)
                .getResultList();
    }

    @Override
    public Optional<EvaluationRun> findRun(UUID versionId, UUID runId) {
        return Optional.ofNullable(em.find(EvaluationRun.class, runId))
                .filter(r -> r.getVersionId().equals(versionId));
    }

    @Override
    public Optional<EvaluationRun> claim(UUID runId, String owner) {
        return single(em.createNamedQuery("EvaluationRun.claim", EvaluationRun.class)
                .setParameter(1, EvaluationRun.LEASE.toSeconds())
                .setParameter(2, owner)
                .setParameter(3, runId.toString())
                .getResultList());
    }

    @Override
    public Optional<EvaluationRun> complete(UUID runId, EvaluationRunState state, String message) {
        return single(em.createNamedQuery("EvaluationRun.complete", EvaluationRun.class)
                .setParameter(1, state.name())
                .setParameter(2, message)
                .setParameter(3, runId.toString())
                .getResultList());
    }

    private static Optional<EvaluationRun> single(List<EvaluationRun> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    @Override
    public List<EvaluationCheckResult> results(UUID versionId) {
        return em.createNamedQuery("EvaluationCheckResult.findByVersion", EvaluationCheckResult.class)
                .setParameter("versionId", versionId)
                .getResultList();
    }

    @Override
    public List<EvaluationCheckResult> resultsOfRun(UUID runId) {
        return em.createNamedQuery("EvaluationCheckResult.findByRun", EvaluationCheckResult.class)
                .setParameter("runId", runId)
                .getResultList();
    }

    @Override
    public Set<String> recordedChecks(UUID runId) {
        return new HashSet<>(em.createNamedQuery("EvaluationCheckResult.namesOfRun", String.class)
                .setParameter("runId", runId)
                .getResultList());
    }

    @Override
    public List<Status> recordedStatuses(UUID runId) {
        return em.createNamedQuery("EvaluationCheckResult.statusesOfRun", Status.class)
                .setParameter("runId", runId)
                .getResultList();
    }

    @Override
    public void record(UUID runId, String checkName, String kind, CheckOutcome outcome) {
        em.createNamedQuery("EvaluationCheckResult.record")
                .setParameter(1, runId.toString())
                .setParameter(2, checkName)
                .setParameter(3, kind)
                .setParameter(4, outcome.status().name())
                .setParameter(5, outcome.measuredJson())
                .setParameter(6, outcome.message())
                .executeUpdate();
    }

    @Override
    public List<Artifact> artifacts(UUID versionId) {
        return em.createQuery("SELECT a FROM Artifact a WHERE a.versionId = :versionId ORDER BY a.name", Artifact.class)
                .setParameter("versionId", versionId)
                .getResultList();
    }
}
