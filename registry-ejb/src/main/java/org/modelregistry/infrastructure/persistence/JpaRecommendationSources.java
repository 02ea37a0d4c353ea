package org.modelregistry.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.modelregistry.domain.search.RecommendationSources;

/** {@link RecommendationSources} over the review, evaluation, policy and deployment tables, a statement each. */
@ApplicationScoped
public class JpaRecommendationSources implements RecommendationSources {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public Set<String> reviewers(UUID organizationId) {
        List<?> rows = em.createNativeQuery("SELECT u.username FROM app_user u JOIN membership m ON m.user_id = u.id"
                        + " WHERE m.organization_id = CAST(?1 AS uuid) AND m.role = 'REVIEWER' AND u.active")
                .setParameter(1, organizationId.toString())
                .getResultList();
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.add((String) r));
        return names;
    }

    @Override
    public List<Review> reviews(Collection<UUID> modelIds) {
        return rows(
                "SELECT reviewer, model_id::text FROM approval WHERE model_id IN (%s) ORDER BY decided_at",
                modelIds, r -> new Review((String) r[0], UUID.fromString((String) r[1])));
    }

    @Override
    public List<SuiteRun> suiteRuns(Collection<UUID> modelIds) {
        return rows(
                "SELECT r.suite_id::text, s.name, r.model_id::text, r.state = 'PASSED' FROM evaluation_run r"
                        + " JOIN evaluation_suite s ON s.id = r.suite_id WHERE r.model_id IN (%s)",
                modelIds,
                r -> new SuiteRun(
                        UUID.fromString((String) r[0]), (String) r[1], UUID.fromString((String) r[2]), (Boolean) r[3]));
    }

    @Override
    public Set<String> submitters(UUID versionId) {
        List<?> rows = em.createNativeQuery(
                        "SELECT DISTINCT submitted_by FROM review_snapshot WHERE version_id = CAST(?1 AS uuid)")
                .setParameter(1, versionId.toString())
                .getResultList();
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.add((String) r));
        return names;
    }

    @Override
    public Set<UUID> suitesRunOn(UUID versionId) {
        List<?> rows = em.createNativeQuery(
                        "SELECT DISTINCT suite_id::text FROM evaluation_run WHERE version_id = CAST(?1 AS uuid)")
                .setParameter(1, versionId.toString())
                .getResultList();
        Set<UUID> ids = new LinkedHashSet<>();
        rows.forEach(r -> ids.add(UUID.fromString((String) r)));
        return ids;
    }

    @Override
    public List<PolicyEvaluation> policyEvaluations(Collection<UUID> modelIds, UUID organizationId) {
        if (modelIds.isEmpty()) {
            return List.of();
        }
        Query q = em.createNativeQuery(String.format(
                "SELECT e.policy_id::text, p.name, p.severity, e.model_id::text, e.result <> 'PASS'"
                        + " FROM policy_evaluation e JOIN policy p ON p.id = e.policy_id"
                        + " WHERE e.model_id IN (%s) AND p.enabled"
                        + " AND (p.organization_id IS NULL OR p.organization_id = CAST(?%d AS uuid))",
                placeholders(modelIds.size()), modelIds.size() + 1));
        bind(q, modelIds);
        q.setParameter(modelIds.size() + 1, organizationId.toString());
        return q.getResultList().stream()
                .map(row -> {
                    Object[] r = (Object[]) row;
                    return new PolicyEvaluation(
                            UUID.fromString((String) r[0]),
                            (String) r[1],
                            (String) r[2],
                            UUID.fromString((String) r[3]),
                            (Boolean) r[4]);
                })
                .toList();
    }

    @Override
    public List<DeployedVersion> deployedVersions(Collection<UUID> modelIds) {
        return rows(
                "SELECT model_id::text, version FROM model_version WHERE model_id IN (%s) AND state = 'DEPLOYED'"
                        + " ORDER BY created_at",
                modelIds, r -> new DeployedVersion(UUID.fromString((String) r[0]), (String) r[1]));
    }

    private <T> List<T> rows(String sql, Collection<UUID> modelIds, Function<Object[], T> row) {
        if (modelIds.isEmpty()) {
            return List.of();
        }
        Query q = em.createNativeQuery(String.format(sql, placeholders(modelIds.size())));
        bind(q, modelIds);
        return q.getResultList().stream().map(r -> row.apply((Object[]) r)).toList();
    }

    private static String placeholders(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            s.append(i == 1 ? "" : ", ").append("CAST(?").append(i).append(" AS uuid)");
        }
        return s.toString();
    }

    private static void bind(Query q, Collection<UUID> modelIds) {
        int i = 1;
        for (UUID id : modelIds) {
            q.setParameter(i++, id.toString());
        }
    }
}
