package org.modelregistry.application;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.modelregistry.api.governance.AuditService;
import org.modelregistry.api.governance.AuditVerification;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.domain.identity.Caller;

/**
 * Recomputes every chained row's hash in the database, from its canonical text and its predecessor's stored hash
 * (the same function the insert trigger uses), and reports the first row that does not match.
 */
@Stateless
@Local(AuditService.class)
public class AuditServiceBean implements AuditService {

    private static final String VERIFY = "SELECT seq, id::text, hash = encode(sha256(convert_to(coalesce(lag(hash)"
            + " OVER (ORDER BY seq), '') || '|' || audit_event_canonical(e), 'UTF8')), 'hex')"
            + " AND prev_hash IS NOT DISTINCT FROM lag(hash) OVER (ORDER BY seq) AS ok, hash"
            + " FROM audit_event e WHERE seq IS NOT NULL ORDER BY seq";

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    CurrentCaller caller;

    @Override
    public AuditVerification verify() {
        Caller who = caller.get();
        boolean auditor = who.roles().values().stream().anyMatch(r -> r.contains(Role.AUDITOR));
        if (!who.registryAdmin() && !auditor) {
            throw new ForbiddenException("Verifying the audit log takes the AUDITOR role or a registry administrator");
        }
        long chained = 0;
        Long brokenSeq = null;
        String brokenId = null;
        Long headSeq = null;
        String headHash = null;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(VERIFY).getResultList();
        for (Object[] row : rows) {
            chained++;
            long seq = ((Number) row[0]).longValue();
            if (brokenSeq == null && !Boolean.TRUE.equals(row[2])) {
                brokenSeq = seq;
                brokenId = (String) row[1];
            }
            headSeq = seq;
            headHash = (String) row[3];
        }
        long unchained = ((Number) em.createNativeQuery("SELECT count(*) FROM audit_event WHERE seq IS NULL")
                .getSingleResult()).longValue();
        return new AuditVerification(brokenSeq == null, chained, unchained, headSeq, headHash, brokenSeq, brokenId);
    }
}
