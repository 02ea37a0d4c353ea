package org.modelregistry.application.audit;

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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.modelregistry.api.audit.AuditArchiveDto;
import org.modelregistry.api.audit.AuditCheckpointDto;
import org.modelregistry.api.audit.AuditRecordDto;
import org.modelregistry.api.audit.AuditService;
import org.modelregistry.api.audit.AuditVerification;
import org.modelregistry.api.common.Page;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.application.shared.Cursor;
import org.modelregistry.application.shared.JsonText;
import org.modelregistry.domain.audit.AuditEvent;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.Organization;
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
     * The first record of [first, last] (of one organization, when the last two parameters name it) whose hash or
     * link does not match (parameters: the hash before it, first, last, organization twice or '' twice), with what
     * went wrong: content_ok says whether its hash still covers its content and its stored link, link_ok whether
     * that link is its predecessor's hash, prior_seq is its predecessor's seq. Where an archived month was dropped,
     * the predecessor's hash comes from audit_bridge.
     */
    private static final String FIRST_BROKEN = "SELECT seq, id::text, content_ok, link_ok, prior_seq FROM (SELECT"
            + " seq, id, organization_id, prior_seq,"
            + " hash IS NOT DISTINCT FROM encode(sha256(convert_to(coalesce(prev_hash, '') || '|' || canonical,"
            + " 'UTF8')), 'hex') AS content_ok, prev_hash IS NOT DISTINCT FROM prior AS link_ok FROM (SELECT e.seq,"
            + " e.id, e.organization_id, e.hash, e.prev_hash, lag(e.seq) OVER w AS prior_seq,"
            + " coalesce(b.prev_hash, lag(e.hash) OVER w, nullif(?, '')) AS prior,"
            + " audit_event_canonical(e) AS canonical FROM audit_event e LEFT JOIN audit_bridge b ON b.seq = e.seq"
            + " WHERE e.seq BETWEEN ? AND ? WINDOW w AS (ORDER BY e.seq)) c) d"
            + " WHERE NOT (content_ok AND link_ok)"
            + " AND (CAST(? AS text) = '' OR organization_id::text = CAST(? AS text)) ORDER BY seq LIMIT 1";

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

    @Inject
    AuditFacts facts;

    @Override
    public Page<AuditRecordDto> search(
            String actor,
            String action,
            UUID objectId,
            String text,
            OffsetDateTime from,
            OffsetDateTime to,
            Integer limit,
            String cursor) {
        Caller who = requireAuditor();
        int size = Cursor.limit(limit, settings.defaultPageSize(), settings.maxPageSize());
        List<String> after = Cursor.decode("audit", cursor, 1);
        StringBuilder sql = new StringBuilder("SELECT id::text, seq, occurred_at, actor, action, object_type,"
                + " object_id::text, organization_id::text, request_id, details::text, hash, client_address, outcome"
                + " FROM audit_event WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (!who.registryAdmin()) {
            List<String> orgs = who.roles().entrySet().stream()
                    .filter(e -> e.getValue().contains(Role.AUDITOR))
                    .map(e -> e.getKey().toString())
                    .toList();
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
            items.add(new AuditRecordDto(
                    UUID.fromString((String) r[0]),
                    r[1] == null ? null : ((Number) r[1]).longValue(),
                    toTime(r[2]),
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    UUID.fromString((String) r[6]),
                    r[7] == null ? null : UUID.fromString((String) r[7]),
                    (String) r[8],
                    JsonText.parse((String) r[9]),
                    (String) r[10],
                    (String) r[11],
                    (String) r[12]));
        }
        String next = rows.size() > size
                ? Cursor.encode("audit", items.get(size - 1).id().toString())
                : null;
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
    public AuditVerification verify(OffsetDateTime from, OffsetDateTime to, String organization) {
        Caller who = requireAuditor();
        UUID org = verifiedOrganization(who, organization);
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
        String orgText = org == null ? "" : org.toString();
        long unchained = ((Number) em.createNativeQuery("SELECT count(*) FROM audit_event WHERE seq IS NULL"
                                + " AND (CAST(? AS text) = '' OR organization_id::text = CAST(? AS text))")
                        .setParameter(1, orgText)
                        .setParameter(2, orgText)
                        .getSingleResult())
                .longValue();
        // the chain's real head (not the head row, which the owner can set): checkpoints beyond it mean truncation
        Number max = (Number)
                em.createNativeQuery("SELECT max(seq) FROM audit_event").getSingleResult();
        Long headSeq = max == null ? null : max.longValue();

        AuditFacts.Result signed = facts.check();
        List<String> problems = new ArrayList<>(signed.problems());
        long chained = 0;
        Long brokenSeq = null;
        String brokenId = null;
        String reason = null;
        Long rangeHead = null;
        String rangeHeadHash = null;
        CheckpointCheck cp;
        if (bounds[0] == null) {
            cp = checkCheckpoints(Long.MAX_VALUE, Long.MIN_VALUE, headSeq, signed);
        } else {
            long first = ((Number) bounds[0]).longValue();
            long last = ((Number) bounds[1]).longValue();
            rangeHead = last;
            rangeHeadHash = (String) em.createNativeQuery("SELECT hash FROM audit_event WHERE seq = ?")
                    .setParameter(1, last)
                    .getSingleResult();
            String before = (String) em.createNativeQuery("SELECT coalesce((SELECT hash FROM audit_event WHERE seq < ?"
                            + " ORDER BY seq DESC LIMIT 1), '')")
                    .setParameter(1, first)
                    .getSingleResult();
            chained = ((Number) em.createNativeQuery("SELECT count(*) FROM audit_event WHERE seq BETWEEN ? AND ?"
                                    + " AND (CAST(? AS text) = '' OR organization_id::text = CAST(? AS text))")
                            .setParameter(1, first)
                            .setParameter(2, last)
                            .setParameter(3, orgText)
                            .setParameter(4, orgText)
                            .getSingleResult())
                    .longValue();
            Object[] broken = firstBroken(before, first, last, "");
            if (broken != null && org != null) {
                Object[] own = firstBroken(before, first, last, orgText);
                if (own == null || ((Number) own[0]).longValue() != ((Number) broken[0]).longValue()) {
                    problems.add("a record of another organization fails verification before"
                            + (own == null ? " the end of the range" : " seq " + own[0])
                            + "; a registry administrator can see which");
                }
                broken = own;
            }
            if (broken != null) {
                brokenSeq = ((Number) broken[0]).longValue();
                brokenId = (String) broken[1];
                reason = why(
                        brokenSeq, (Boolean) broken[2], broken[4] == null ? null : ((Number) broken[4]).longValue());
            }
            cp = checkCheckpoints(first, last, headSeq, signed);
        }
        return new AuditVerification(
                brokenSeq == null && cp.failedSeq == null && problems.isEmpty(),
                from,
                to,
                chained,
                unchained,
                rangeHead,
                rangeHeadHash,
                brokenSeq,
                brokenId,
                cp.checked,
                cp.failedSeq,
                cp.problem,
                reason,
                cp.truncated,
                List.copyOf(problems),
                org);
    }

    private Object[] firstBroken(String before, long first, long last, String organization) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(FIRST_BROKEN)
                .setParameter(1, before)
                .setParameter(2, first)
                .setParameter(3, last)
                .setParameter(4, organization)
                .setParameter(5, organization)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Why a record fails: its content changed, or its link does, where records before it are gone or changed. */
    static String why(long seq, boolean contentOk, Long priorSeq) {
        if (!contentOk) {
            return "hash mismatch: the record's content no longer matches its hash (it was changed)";
        }
        if (priorSeq != null && priorSeq < seq - 1) {
            return "missing sequence: seq " + (priorSeq + 1) + (priorSeq + 1 == seq - 1 ? "" : ".." + (seq - 1))
                    + " before it no longer exist, and it was linked to a record that is gone";
        }
        return "broken link: the hash it was linked to is not its predecessor's"
                + (priorSeq == null ? "" : " (seq " + priorSeq + ")");
    }

    /**
     * Without an organization: the whole registry, for registry administrators. With one (id or slug): for its
     * auditors; anyone else learns nothing about it, not even that it exists.
     */
    private UUID verifiedOrganization(Caller who, String organization) {
        if (organization == null || organization.isBlank()) {
            if (!who.registryAdmin()) {
                throw new ForbiddenException("Verifying the whole registry's audit log takes a registry"
                        + " administrator; an auditor verifies the records of an organization (organization=<id>)");
            }
            return null;
        }
        UUID id = uuid(organization.trim());
        var found = id != null ? models.organization(id) : models.organization(organization.trim());
        UUID org = found.map(Organization::getId).orElse(null);
        if (org == null
                || !(who.registryAdmin()
                        || who.roles().getOrDefault(org, Set.of()).contains(Role.AUDITOR))) {
            throw new NotFoundException("organization", organization);
        }
        return org;
    }

    private record CheckpointCheck(int checked, Long failedSeq, String problem, boolean truncated) {}

    /**
     * Every checkpoint kept outside the database must be the registry's, lie no further than the chain's head (else
     * the tail it counted was deleted), and, when its head lies in [first, last], name a record that still has its
     * hash, with as many chained records up to it as it counted (records of a signed dropped month included).
     */
    private CheckpointCheck checkCheckpoints(long first, long last, Long headSeq, AuditFacts.Result signed) {
        List<AuditCheckpointDto> all = checkpoints.stored();
        long head = headSeq == null ? 0 : headSeq;
        // newest first: the highest checkpoint beyond the head tells how far the log reached
        for (AuditCheckpointDto c : all) {
            if (c.hash() != null && c.seq() > head) {
                return new CheckpointCheck(
                        all.size(),
                        c.seq(),
                        "checkpoint at seq " + c.seq() + " (signed "
                                + c.createdAt() + ", " + c.records() + " records) lies beyond the chain's head at seq "
                                + head
                                + ": the log was truncated, records up to seq " + c.seq() + " were deleted",
                        true);
            }
        }
        List<AuditCheckpointDto> inRange =
                all.stream().filter(c -> c.seq() >= first && c.seq() <= last).toList();
        List<AuditCheckpointDto> unsigned =
                all.stream().filter(c -> c.hash() == null).toList();
        if (!unsigned.isEmpty()) {
            AuditCheckpointDto c = unsigned.get(unsigned.size() - 1);
            return new CheckpointCheck(
                    all.size(),
                    c.seq(),
                    "checkpoint at seq " + c.seq() + ": its signature is not the registry's",
                    false);
        }
        if (inRange.isEmpty()) {
            return new CheckpointCheck(0, null, null, false);
        }
        long highest = inRange.get(0).seq();
        String seqs = inRange.stream().map(c -> Long.toString(c.seq())).collect(Collectors.joining(","));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT seq, hash, n + coalesce((SELECT sum(records) FROM"
                        + " audit_archive_count a WHERE a.checkpoint_seq = c.seq), 0) FROM (SELECT seq, hash, count(*)"
                        + " OVER (ORDER BY seq) AS n FROM audit_event WHERE seq IS NOT NULL AND seq <= ?) c"
                        + " WHERE seq = ANY (CAST(string_to_array(?, ',') AS bigint[]))")
                .setParameter(1, highest)
                .setParameter(2, seqs)
                .getResultList();
        Map<Long, Object[]> bySeq = new HashMap<>();
        rows.forEach(r -> bySeq.put(((Number) r[0]).longValue(), r));
        // oldest first, so that the first failure is the earliest one
        for (int i = inRange.size() - 1; i >= 0; i--) {
            AuditCheckpointDto c = inRange.get(i);
            Object[] row = bySeq.get(c.seq());
            if (row == null && signed.dropped(c.seq())) {
                continue; // its record went with an archived month; the signed manifest and drop statement cover it
            }
            String why = row == null
                    ? "its record no longer exists: records were deleted"
                    : !c.hash().equals(row[1])
                            ? "the record's hash differs from the signed one"
                            : ((Number) row[2]).longValue() != c.records()
                                    ? "it counted " + c.records() + " chained records up to it, the log now holds "
                                            + row[2]
                                    : null;
            if (why != null) {
                return new CheckpointCheck(
                        inRange.size(),
                        c.seq(),
                        "checkpoint at seq " + c.seq() + ": " + why,
                        row == null || ((Number) row[2]).longValue() < c.records());
            }
        }
        return new CheckpointCheck(inRange.size(), null, null, false);
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
            organization =
                    models.findModel(objectId).map(Model::getOrganizationId).orElse(null);
        }
        JsonObjectBuilder details = Json.createObjectBuilder()
                .add("method", method)
                .add("path", path.length() > 512 ? path.substring(0, 512) : path)
                .add("status", status);
        if (problemType != null) {
            details.add("problem", problemType);
        }
        attempts.refused(
                actor == null || actor.isBlank() ? "anonymous" : actor,
                "request.refused",
                objectType,
                objectId,
                organization,
                details.build(),
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
