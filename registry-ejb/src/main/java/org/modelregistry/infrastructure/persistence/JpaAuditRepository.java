package org.modelregistry.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.modelregistry.domain.audit.AuditFilter;
import org.modelregistry.domain.audit.AuditRecord;
import org.modelregistry.domain.audit.AuditRepository;
import org.modelregistry.domain.audit.ChainBreak;
import org.modelregistry.domain.audit.ChainHead;
import org.modelregistry.domain.audit.ChainPoint;
import org.modelregistry.domain.audit.SeqRange;

/**
 * {@link AuditRepository} on the registry's JTA persistence unit, with the native queries and result set mappings
 * declared on {@code AuditEvent}. The two queries whose filters vary are built here.
 */
@ApplicationScoped
public class JpaAuditRepository implements AuditRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    @SuppressWarnings("unchecked")
    public List<AuditRecord> search(AuditFilter f, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id::text AS id, seq, occurred_at, actor, action, object_type,"
                + " object_id::text AS object_id, organization_id::text AS organization_id, request_id,"
                + " details::text AS details, hash, client_address, outcome FROM audit_event WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.organizations() != null) {
            sql.append(" AND organization_id::text = ANY (string_to_array(?, ','))");
            params.add(String.join(",", f.organizations()));
        }
        if (f.actor() != null) {
            sql.append(" AND actor = ?");
            params.add(f.actor());
        }
        if (f.action() != null) {
            sql.append(" AND action = ?");
            params.add(f.action());
        }
        if (f.objectId() != null) {
            sql.append(" AND object_id = CAST(? AS uuid)");
            params.add(f.objectId().toString());
        }
        if (f.text() != null && !f.text().isBlank()) {
            sql.append(" AND details::text ILIKE ? ESCAPE '\\'");
            params.add("%" + f.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (f.from() != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" AND occurred_at < ?");
            params.add(f.to());
        }
        if (f.after() != null) {
            sql.append(" AND id < CAST(? AS uuid)");
            params.add(f.after().toString());
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(limit);
        return bind(em.createNativeQuery(sql.toString(), "AuditRecord"), params).getResultList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<AuditRecord> intactChained(List<Long> seqs) {
        if (seqs.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery("AuditEvent.intactChained")
                .setParameter(1, seqs.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .getResultList();
    }

    @Override
    public SeqRange chainedRange(OffsetDateTime from, OffsetDateTime to) {
        StringBuilder sql = new StringBuilder(
                "SELECT min(seq) AS first_seq, max(seq) AS last_seq FROM audit_event WHERE seq IS NOT NULL");
        List<Object> params = new ArrayList<>();
        if (from != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(from);
        }
        if (to != null) {
            sql.append(" AND occurred_at < ?");
            params.add(to);
        }
        return (SeqRange)
                bind(em.createNativeQuery(sql.toString(), "SeqRange"), params).getSingleResult();
    }

    private static Query bind(Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }

    @Override
    public long countUnchained(UUID organization) {
        String org = text(organization);
        return count(em.createNamedQuery("AuditEvent.countUnchained")
                .setParameter(1, org)
                .setParameter(2, org));
    }

    @Override
    public long countChained(long first, long last, UUID organization) {
        String org = text(organization);
        return count(em.createNamedQuery("AuditEvent.countChained")
                .setParameter(1, first)
                .setParameter(2, last)
                .setParameter(3, org)
                .setParameter(4, org));
    }

    @Override
    public Optional<Long> lastSeq() {
        Number max = (Number) em.createNamedQuery("AuditEvent.lastSeq").getSingleResult();
        return Optional.ofNullable(max).map(Number::longValue);
    }

    @Override
    public String hashAt(long seq) {
        return (String)
                em.createNamedQuery("AuditEvent.hashAt").setParameter(1, seq).getSingleResult();
    }

    @Override
    public String hashBefore(long seq) {
        return (String) em.createNamedQuery("AuditEvent.hashBefore")
                .setParameter(1, seq)
                .getSingleResult();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<ChainBreak> firstBroken(String hashBefore, long first, long last, UUID organization) {
        String org = text(organization);
        List<ChainBreak> rows = em.createNamedQuery("AuditEvent.firstBroken")
                .setParameter(1, hashBefore)
                .setParameter(2, first)
                .setParameter(3, last)
                .setParameter(4, org)
                .setParameter(5, org)
                .getResultList();
        return rows.stream().findFirst();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<ChainPoint> chainPoints(long highest, List<Long> seqs) {
        return em.createNamedQuery("AuditEvent.chainPoints")
                .setParameter(1, highest)
                .setParameter(2, seqs.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .getResultList();
    }

    @Override
    public ChainHead head() {
        return (ChainHead) em.createNamedQuery("AuditEvent.head").getSingleResult();
    }

    @Override
    public long countChainedUpTo(long seq) {
        return count(em.createNamedQuery("AuditEvent.countChainedUpTo").setParameter(1, seq));
    }

    @Override
    public void saveCheckpoint(long seq, String hash, long records, OffsetDateTime createdAt, String jws) {
        em.createNamedQuery("AuditEvent.saveCheckpoint")
                .setParameter(1, seq)
                .setParameter(2, hash)
                .setParameter(3, records)
                .setParameter(4, createdAt)
                .setParameter(5, jws)
                .executeUpdate();
    }

    @Override
    public int linkPending(int batch) {
        return ((Number) em.createNamedQuery("AuditEvent.linkPending")
                        .setParameter(1, batch)
                        .getSingleResult())
                .intValue();
    }

    @Override
    public int ensurePartitions() {
        return ((Number) em.createNamedQuery("AuditEvent.ensurePartitions").getSingleResult()).intValue();
    }

    /** An organization as the queries compare it: its id as text, or '' for all. */
    private static String text(UUID organization) {
        return organization == null ? "" : organization.toString();
    }

    private static long count(Query query) {
        return ((Number) query.getSingleResult()).longValue();
    }
}
