package org.modelregistry.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.modelregistry.api.common.Page;
import org.modelregistry.api.governance.AuditArchiveDto;
import org.modelregistry.api.governance.AuditCheckpointDto;
import org.modelregistry.api.governance.AuditRecordDto;
import org.modelregistry.api.governance.AuditService;
import org.modelregistry.api.governance.AuditVerification;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.domain.audit.AuditEvent;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.infrastructure.config.RegistrySettings;

/**
 * Reads and verifies the audit log. Verification recomputes every chained record's hash in the database, from its
 * canonical text and its predecessor's stored hash (the function the insert trigger uses), over a contiguous range
 * of sequence numbers, and checks the signed checkpoints kept in the data directory against the records.
 */
@Stateless
@Local(AuditService.class)
public class AuditServiceBean implements AuditService {

    /**
     * The first record of [first, last] whose hash or link does not match (parameters: the hash before it, first,
     * last). Where an archived month was dropped, the predecessor's hash comes from audit_bridge.
     */
    private static final String FIRST_BROKEN = "SELECT seq, id::text FROM (SELECT e.seq, e.id, e.hash, e.prev_hash,"
            + " coalesce(b.prev_hash, lag(e.hash) OVER (ORDER BY e.seq), nullif(?, '')) AS prior,"
            + " audit_event_canonical(e) AS canonical FROM audit_event e LEFT JOIN audit_bridge b ON b.seq = e.seq"
            + " WHERE e.seq BETWEEN ? AND ?) c"
            + " WHERE hash IS DISTINCT FROM encode(sha256(convert_to(coalesce(prior, '') || '|' || canonical, 'UTF8')),"
            + " 'hex') OR prev_hash IS DISTINCT FROM prior ORDER BY seq LIMIT 1";
    private static final UUID NIL = new UUID(0, 0);

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    CurrentCaller caller;

    @Inject
    RegistrySettings settings;

    @Inject
    ModelRepository models;

    @EJB
    AttemptLog attempts;

    @EJB
    AuditCheckpoints checkpoints;

    @EJB
    AuditChainer chainer;

    @EJB
    AuditArchives archives;

    @Override
    public Page<AuditRecordDto> search(String actor, String action, UUID objectId, String text, OffsetDateTime from,
                                       OffsetDateTime to, Integer limit, String cursor) {
        Caller who = requireAuditor();
        int size = Cursor.limit(limit, settings.defaultPageSize(), settings.maxPageSize());
        List<String> after = Cursor.decode("audit", cursor, 1);
        StringBuilder sql = new StringBuilder("SELECT id::text, seq, occurred_at, actor, action, object_type,"
                + " object_id::text, organization_id::text, request_id, details::text, hash, client_address, outcome"
                + " FROM audit_event WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (!who.registryAdmin()) {
            List<String> orgs = who.roles().entrySet().stream()
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
        if (text != null && !text.isBlank()) {
            if (text.length() > 200) {
                throw new InvalidInputException("q", "at most 200 characters");
            }
            sql.append(" AND details::text ILIKE ? ESCAPE '\\'");
            params.add("%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
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
        List<AuditRecordDto> items = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(size, rows.size()))) {
            items.add(new AuditRecordDto(UUID.fromString((String) r[0]), r[1] == null ? null : ((Number) r[1]).longValue(),
                    toTime(r[2]), (String) r[3], (String) r[4], (String) r[5], UUID.fromString((String) r[6]),
                    r[7] == null ? null : UUID.fromString((String) r[7]), (String) r[8], JsonText.parse((String) r[9]),
                    (String) r[10], (String) r[11], (String) r[12]));
        }
        String next = rows.size() > size ? Cursor.encode("audit", items.get(size - 1).id().toString()) : null;
        return new Page<>(items, next);
    }

    private static OffsetDateTime toTime(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(String.valueOf(value));
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
    public AuditVerification verify(OffsetDateTime from, OffsetDateTime to) {
        requireAuditor();
        chainer.chainPending(); // every committed record, linked
        // the records written in [from, to), as the contiguous run of sequence numbers that holds them
        StringBuilder range = new StringBuilder("SELECT min(seq), max(seq) FROM audit_event WHERE seq IS NOT NULL");
        List<Object> params = new ArrayList<>();
        if (from != null) {
            range.append(" AND occurred_at >= ?");
            params.add(from);
        }
        if (to != null) {
            range.append(" AND occurred_at < ?");
            params.add(to);
        }
        var rangeQuery = em.createNativeQuery(range.toString());
        for (int i = 0; i < params.size(); i++) {
            rangeQuery.setParameter(i + 1, params.get(i));
        }
        Object[] bounds = (Object[]) rangeQuery.getSingleResult();
        long unchained = ((Number) em.createNativeQuery("SELECT count(*) FROM audit_event WHERE seq IS NULL")
                .getSingleResult()).longValue();
        if (bounds[0] == null) {
            return new AuditVerification(true, from, to, 0, unchained, null, null, null, null, 0, null, null);
        }
        long first = ((Number) bounds[0]).longValue();
        long last = ((Number) bounds[1]).longValue();
        String before = (String) em.createNativeQuery("SELECT coalesce((SELECT hash FROM audit_event WHERE seq < ?"
                + " ORDER BY seq DESC LIMIT 1), '')").setParameter(1, first).getSingleResult();
        Object[] counted = (Object[]) em.createNativeQuery("SELECT count(*), (SELECT hash FROM audit_event"
                        + " WHERE seq = ?) FROM audit_event WHERE seq BETWEEN ? AND ?")
                .setParameter(1, last).setParameter(2, first).setParameter(3, last).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> broken = em.createNativeQuery(FIRST_BROKEN).setParameter(1, before).setParameter(2, first)
                .setParameter(3, last).getResultList();
        Long brokenSeq = broken.isEmpty() ? null : ((Number) broken.get(0)[0]).longValue();
        String brokenId = broken.isEmpty() ? null : (String) broken.get(0)[1];

        CheckpointCheck cp = checkCheckpoints(first, last);
        return new AuditVerification(brokenSeq == null && cp.failedSeq == null, from, to,
                ((Number) counted[0]).longValue(), unchained, last, (String) counted[1], brokenSeq, brokenId,
                cp.checked, cp.failedSeq, cp.problem);
    }

    private record CheckpointCheck(int checked, Long failedSeq, String problem) {
    }

    /**
     * Each checkpoint kept outside the database whose head lies in [first, last] must name a record that still has
     * its hash, with as many chained records up to it as it counted.
     */
    private CheckpointCheck checkCheckpoints(long first, long last) {
        List<AuditCheckpointDto> inRange = checkpoints.stored().stream()
                .filter(c -> c.seq() >= first && c.seq() <= last).toList();
        if (inRange.isEmpty()) {
            return new CheckpointCheck(0, null, null);
        }
        long highest = inRange.get(0).seq();
        String seqs = inRange.stream().map(c -> Long.toString(c.seq())).collect(Collectors.joining(","));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT seq, hash, n + coalesce((SELECT sum(records) FROM"
                        + " audit_archive_count a WHERE a.checkpoint_seq = c.seq), 0) FROM (SELECT seq, hash, count(*)"
                        + " OVER (ORDER BY seq) AS n FROM audit_event WHERE seq IS NOT NULL AND seq <= ?) c"
                        + " WHERE seq = ANY (CAST(string_to_array(?, ',') AS bigint[]))")
                .setParameter(1, highest).setParameter(2, seqs).getResultList();
        Map<Long, Object[]> bySeq = new HashMap<>();
        rows.forEach(r -> bySeq.put(((Number) r[0]).longValue(), r));
        Long failed = null;
        String problem = null;
        // oldest first, so that the first failure is the earliest one
        for (int i = inRange.size() - 1; i >= 0; i--) {
            AuditCheckpointDto c = inRange.get(i);
            Object[] row = bySeq.get(c.seq());
            if (row == null && c.hash() != null && inDroppedMonth(c.seq())) {
                continue; // its record went with an archived month; the archive's signed manifest covers it
            }
            String why = c.hash() == null ? "its signature is not the registry's"
                    : row == null ? "its record no longer exists"
                    : !c.hash().equals(row[1]) ? "the record's hash differs from the signed one"
                    : ((Number) row[2]).longValue() != c.records() ? "it counted " + c.records()
                    + " chained records up to it, the log now holds " + row[2]
                    : null;
            if (why != null) {
                failed = c.seq();
                problem = "checkpoint at seq " + c.seq() + ": " + why;
                break;
            }
        }
        return new CheckpointCheck(inRange.size(), failed, problem);
    }

    private boolean inDroppedMonth(long seq) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM audit_archive WHERE dropped_at IS NOT NULL"
                + " AND ? BETWEEN first_seq AND last_seq").setParameter(1, seq).getSingleResult()).longValue() > 0;
    }

    @Override
    public List<AuditArchiveDto> archives() {
        requireAuditor();
        return archives.list();
    }

    @Override
    public AuditArchiveDto archive(String month) {
        return archives.archive(month);
    }

    @Override
    public AuditArchiveDto dropPartition(String month) {
        return archives.drop(month);
    }

    @Override
    public AuditCheckpointDto checkpoint() {
        if (!caller.get().registryAdmin()) {
            throw new ForbiddenException("Checkpoints are taken by registry administrators");
        }
        return checkpoints.checkpoint();
    }

    @Override
    public List<AuditCheckpointDto> checkpoints() {
        requireAuditor();
        return checkpoints.stored();
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordRefused(String actor, String method, String path, int status, String problemType) {
        String[] segments = path.replaceFirst("^/+", "").split("/");
        String objectType = "request";
        UUID objectId = NIL;
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equals("v1") && i + 1 < segments.length) {
                objectType = singular(segments[i + 1]).replace('-', '_');
            }
            UUID id = uuid(segments[i]);
            if (id != null) {
                objectId = id;
                break;
            }
        }
        UUID organization = null;
        if (objectType.equals("model") && !objectId.equals(NIL)) {
            organization = models.findModel(objectId).map(Model::getOrganizationId).orElse(null);
        }
        JsonObjectBuilder details = Json.createObjectBuilder().add("method", method)
                .add("path", path.length() > 512 ? path.substring(0, 512) : path).add("status", status);
        if (problemType != null) {
            details.add("problem", problemType);
        }
        attempts.refused(actor == null || actor.isBlank() ? "anonymous" : actor, "request.refused", objectType,
                objectId, organization, details.build(),
                status == 401 || status == 403 ? AuditEvent.DENIED : AuditEvent.FAILED);
    }

    /** models -> model, policies -> policy, service-accounts -> service-account, audit -> audit. */
    static String singular(String collection) {
        if (collection.endsWith("ies")) {
            return collection.substring(0, collection.length() - 3) + "y";
        }
        return collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
    }

    private static UUID uuid(String segment) {
        if (segment.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(segment);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
