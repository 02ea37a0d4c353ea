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

    @Inject
    org.modelregistry.infrastructure.config.RegistrySettings settings;

    @Override
    public org.modelregistry.api.common.Page<org.modelregistry.api.governance.AuditRecordDto> search(
            String actor, String action, java.util.UUID objectId, java.time.OffsetDateTime from,
            java.time.OffsetDateTime to, Integer limit, String cursor) {
        Caller who = requireAuditor();
        int size = Cursor.limit(limit, settings.defaultPageSize(), settings.maxPageSize());
        List<String> after = Cursor.decode("audit", cursor, 1);
        StringBuilder sql = new StringBuilder("SELECT id::text, seq, occurred_at, actor, action, object_type,"
                + " object_id::text, organization_id::text, request_id, details::text, hash FROM audit_event WHERE 1 = 1");
        List<Object> params = new java.util.ArrayList<>();
        if (!who.registryAdmin()) {
            java.util.List<String> orgs = who.roles().entrySet().stream()
                    .filter(e -> e.getValue().contains(Role.AUDITOR)).map(e -> e.getKey().toString()).toList();
            sql.append(" AND organization_id::text = ANY (string_to_array(?, ','))");
            params.add(String.join(",", orgs));
        }
        if (actor != null) {
            sql.append(" AND actor = ?");
            params.add(actor);
        }
        if (action != null) {
            sql.append(" AND action = ?");
            params.add(action);
        }
        if (objectId != null) {
            sql.append(" AND object_id = CAST(? AS uuid)");
            params.add(objectId.toString());
        }
        if (from != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(from);
        }
        if (to != null) {
            sql.append(" AND occurred_at < ?");
            params.add(to);
        }
        if (after != null) {
            sql.append(" AND id < CAST(? AS uuid)");
            params.add(Cursor.uuid(after.get(0)).toString());
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(size + 1);
        var query = em.createNativeQuery(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<org.modelregistry.api.governance.AuditRecordDto> items = new java.util.ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(size, rows.size()))) {
            items.add(new org.modelregistry.api.governance.AuditRecordDto(java.util.UUID.fromString((String) r[0]),
                    r[1] == null ? null : ((Number) r[1]).longValue(), toTime(r[2]), (String) r[3], (String) r[4],
                    (String) r[5], java.util.UUID.fromString((String) r[6]),
                    r[7] == null ? null : java.util.UUID.fromString((String) r[7]), (String) r[8],
                    JsonText.parse((String) r[9]), (String) r[10]));
        }
        String next = rows.size() > size ? Cursor.encode("audit", items.get(size - 1).id().toString()) : null;
        return new org.modelregistry.api.common.Page<>(items, next);
    }

    private static java.time.OffsetDateTime toTime(Object value) {
        if (value instanceof java.time.OffsetDateTime t) {
            return t;
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return java.time.OffsetDateTime.parse(String.valueOf(value));
    }

    private Caller requireAuditor() {
        Caller who = caller.get();
        boolean auditor = who.roles().values().stream().anyMatch(r -> r.contains(Role.AUDITOR));
        if (!who.registryAdmin() && !auditor) {
            throw new ForbiddenException("Reading the audit log takes the AUDITOR role or a registry administrator");
        }
        return who;
    }

    @Override
    public AuditVerification verify() {
        requireAuditor();
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
