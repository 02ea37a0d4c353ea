package org.modelregistry.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.modelregistry.domain.jobs.JobGauge;
import org.modelregistry.domain.jobs.JobRepository;
import org.modelregistry.domain.jobs.JobTable;
import org.modelregistry.domain.jobs.JobTicket;

/**
 * {@link JobRepository} on the registry's JTA persistence unit. Native SQL built from the {@link JobTable} (its names
 * are checked plain), because one statement serves every outbox table, and the state names stay literals so that the
 * partial indexes on waiting and running jobs (V12, V13, V15) match.
 */
@ApplicationScoped
public class JpaJobRepository implements JobRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public List<JobTicket> take(JobTable t, int max) {
        @SuppressWarnings("unchecked")
        List<String> taken = em.createNativeQuery("UPDATE " + t.table() + " SET published_at = now() WHERE id IN"
                        + " (SELECT id FROM " + t.table() + " WHERE state = '" + t.waitingState()
                        + "' AND published_at IS NULL ORDER BY requested_at LIMIT " + max
                        + " FOR UPDATE SKIP LOCKED) RETURNING id::text || '/' || attempt")
                .getResultList();
        return taken.stream().map(JobTicket::parse).toList();
    }

    @Override
    public void unpublish(JobTable t, List<JobTicket> tickets) {
        for (JobTicket ticket : tickets) {
            em.createNativeQuery("UPDATE " + t.table() + " SET published_at = NULL WHERE id = CAST(? AS uuid) AND"
                            + " state = '" + t.waitingState() + "'")
                    .setParameter(1, ticket.id().toString())
                    .executeUpdate();
        }
    }

    @Override
    public void reap(JobTable t) {
        em.createNativeQuery("UPDATE " + t.table() + " SET published_at = NULL WHERE state = '" + t.waitingState()
                        + "' AND published_at < now() - interval '60 seconds'")
                .executeUpdate();
        em.createNativeQuery("UPDATE " + t.table() + " SET state = '" + t.waitingState() + "', published_at = NULL"
                        + " WHERE state = '" + t.runningState() + "' AND lease_until < now()"
                        + notDispatched(t))
                .executeUpdate();
    }

    @Override
    public int recover(JobTable t, String serverId, String currentOwner) {
        return em.createNativeQuery("UPDATE " + t.table() + " SET state = '" + t.waitingState() + "', published_at ="
                        + " NULL, lease_until = NULL WHERE state = '" + t.runningState() + "' AND lease_owner LIKE ?"
                        + " AND lease_owner <> ?" + notDispatched(t))
                .setParameter(
                        1, serverId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%")
                .setParameter(2, currentOwner)
                .executeUpdate();
    }

    @Override
    public long count(JobGauge gauge) {
        return ((Number) em.createNativeQuery(
                                "SELECT count(*) FROM " + gauge.table() + " WHERE state = '" + gauge.stateValue() + "'")
                        .getSingleResult())
                .longValue();
    }

    private static String notDispatched(JobTable t) {
        return t.keepsDispatched() ? " AND dispatched_at IS NULL" : "";
    }
}
