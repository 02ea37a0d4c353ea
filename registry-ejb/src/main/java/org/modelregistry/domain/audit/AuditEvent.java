package org.modelregistry.domain.audit;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.ConstructorResult;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.Uuid7;

/**
 * One state change: who did what to which object, when, within which request. Written in the same transaction as
 * the change, so there is no change without its record and no record of a change that was rolled back.
 *
 * <p>The entity also carries the audit log's native queries and their result set mappings, those over its archive
 * tables included (audit_archive, audit_bridge, audit_archive_count have no entity: the application's role only reads
 * them). The SQL is PostgreSQL's: the chain is verified in the database with the function its trigger hashes with.
 * Timestamps are mapped as {@code Object} and ids as text on purpose (see {@code SqlValues} in domain.shared).
 */
@Entity
@Table(name = "audit_event")
@SqlResultSetMapping(
        name = "AuditRecord",
        classes =
                @ConstructorResult(
                        targetClass = AuditRecord.class,
                        columns = {
                            @ColumnResult(name = "id", type = String.class),
                            @ColumnResult(name = "seq", type = Long.class),
                            @ColumnResult(name = "occurred_at", type = Object.class),
                            @ColumnResult(name = "actor", type = String.class),
                            @ColumnResult(name = "action", type = String.class),
                            @ColumnResult(name = "object_type", type = String.class),
                            @ColumnResult(name = "object_id", type = String.class),
                            @ColumnResult(name = "organization_id", type = String.class),
                            @ColumnResult(name = "request_id", type = String.class),
                            @ColumnResult(name = "details", type = String.class),
                            @ColumnResult(name = "hash", type = String.class),
                            @ColumnResult(name = "client_address", type = String.class),
                            @ColumnResult(name = "outcome", type = String.class)
                        }))
@SqlResultSetMapping(
        name = "SeqRange",
        classes =
                @ConstructorResult(
                        targetClass = SeqRange.class,
                        columns = {
                            @ColumnResult(name = "first_seq", type = Long.class),
                            @ColumnResult(name = "last_seq", type = Long.class)
                        }))
@SqlResultSetMapping(
        name = "ChainBreak",
        classes =
                @ConstructorResult(
                        targetClass = ChainBreak.class,
                        columns = {
                            @ColumnResult(name = "seq", type = Long.class),
                            @ColumnResult(name = "id", type = String.class),
                            @ColumnResult(name = "content_ok", type = Boolean.class),
                            @ColumnResult(name = "link_ok", type = Boolean.class),
                            @ColumnResult(name = "prior_seq", type = Long.class)
                        }))
@SqlResultSetMapping(
        name = "ChainPoint",
        classes =
                @ConstructorResult(
                        targetClass = ChainPoint.class,
                        columns = {
                            @ColumnResult(name = "seq", type = Long.class),
                            @ColumnResult(name = "hash", type = String.class),
                            @ColumnResult(name = "records", type = Long.class)
                        }))
@SqlResultSetMapping(
        name = "ChainHead",
        classes =
                @ConstructorResult(
                        targetClass = ChainHead.class,
                        columns = {
                            @ColumnResult(name = "seq", type = Long.class),
                            @ColumnResult(name = "hash", type = String.class)
                        }))
@SqlResultSetMapping(
        name = "AuditArchive",
        classes =
                @ConstructorResult(
                        targetClass = AuditArchive.class,
                        columns = {
                            @ColumnResult(name = "month_text", type = String.class),
                            @ColumnResult(name = "file", type = String.class),
                            @ColumnResult(name = "sha256", type = String.class),
                            @ColumnResult(name = "records", type = Long.class),
                            @ColumnResult(name = "first_seq", type = Long.class),
                            @ColumnResult(name = "last_seq", type = Long.class),
                            @ColumnResult(name = "manifest", type = String.class),
                            @ColumnResult(name = "archived_at", type = Object.class),
                            @ColumnResult(name = "archived_by", type = String.class),
                            @ColumnResult(name = "dropped_at", type = Object.class),
                            @ColumnResult(name = "dropped_by", type = String.class),
                            @ColumnResult(name = "drop_statement", type = String.class)
                        }))
@SqlResultSetMapping(
        name = "AuditBridge",
        classes =
                @ConstructorResult(
                        targetClass = AuditBridge.class,
                        columns = {
                            @ColumnResult(name = "seq", type = Long.class),
                            @ColumnResult(name = "prev_hash", type = String.class),
                            @ColumnResult(name = "month_text", type = String.class)
                        }))
@SqlResultSetMapping(
        name = "AuditArchiveCount",
        classes =
                @ConstructorResult(
                        targetClass = AuditArchiveCount.class,
                        columns = {
                            @ColumnResult(name = "checkpoint_seq", type = Long.class),
                            @ColumnResult(name = "records", type = Long.class),
                            @ColumnResult(name = "month_text", type = String.class)
                        }))
// Parameters: the hash before `first`, first, last, organization twice or '' twice. content_ok says whether the
// record's hash still covers its content and its stored link, link_ok whether that link is its predecessor's hash
// (from audit_bridge where an archived month was dropped).
@NamedNativeQuery(
        name = "AuditEvent.firstBroken",
        resultSetMapping = "ChainBreak",
        query = "SELECT seq, id::text AS id, content_ok, link_ok, prior_seq FROM (SELECT"
                + " seq, id, organization_id, prior_seq,"
                + " hash IS NOT DISTINCT FROM encode(sha256(convert_to(coalesce(prev_hash, '') || '|' || canonical,"
                + " 'UTF8')), 'hex') AS content_ok, prev_hash IS NOT DISTINCT FROM prior AS link_ok FROM (SELECT e.seq,"
                + " e.id, e.organization_id, e.hash, e.prev_hash, lag(e.seq) OVER w AS prior_seq,"
                + " coalesce(b.prev_hash, lag(e.hash) OVER w, nullif(?, '')) AS prior,"
                + " audit_event_canonical(e) AS canonical FROM audit_event e LEFT JOIN audit_bridge b ON b.seq = e.seq"
                + " WHERE e.seq BETWEEN ? AND ? WINDOW w AS (ORDER BY e.seq)) c) d"
                + " WHERE NOT (content_ok AND link_ok)"
                + " AND (CAST(? AS text) = '' OR organization_id::text = CAST(? AS text)) ORDER BY seq LIMIT 1")
// the hash recomputed as the chainer computed it (db/V9): a row changed behind the chain's back does not match
@NamedNativeQuery(
        name = "AuditEvent.intactChained",
        resultSetMapping = "AuditRecord",
        query = "SELECT id::text AS id, seq, occurred_at, actor, action, object_type, object_id::text AS object_id,"
                + " organization_id::text AS organization_id, request_id, details::text AS details, hash,"
                + " client_address, outcome FROM audit_event e"
                + " WHERE seq = ANY (CAST(string_to_array(?, ',') AS bigint[])) AND hash = encode(sha256(convert_to("
                + "coalesce(prev_hash, '') || '|' || audit_event_canonical(e), 'UTF8')), 'hex')")
@NamedNativeQuery(
        name = "AuditEvent.countUnchained",
        query = "SELECT count(*) FROM audit_event WHERE seq IS NULL"
                + " AND (CAST(? AS text) = '' OR organization_id::text = CAST(? AS text))")
@NamedNativeQuery(
        name = "AuditEvent.countChained",
        query = "SELECT count(*) FROM audit_event WHERE seq BETWEEN ? AND ?"
                + " AND (CAST(? AS text) = '' OR organization_id::text = CAST(? AS text))")
@NamedNativeQuery(name = "AuditEvent.lastSeq", query = "SELECT max(seq) FROM audit_event")
@NamedNativeQuery(name = "AuditEvent.hashAt", query = "SELECT hash FROM audit_event WHERE seq = ?")
@NamedNativeQuery(
        name = "AuditEvent.hashBefore",
        query = "SELECT coalesce((SELECT hash FROM audit_event WHERE seq < ? ORDER BY seq DESC LIMIT 1), '')")
// Parameters: the highest seq, the seqs as a comma-separated list. Records of dropped months count through
// audit_archive_count.
@NamedNativeQuery(
        name = "AuditEvent.chainPoints",
        resultSetMapping = "ChainPoint",
        query = "SELECT seq, hash, n + coalesce((SELECT sum(records) FROM"
                + " audit_archive_count a WHERE a.checkpoint_seq = c.seq), 0) AS records FROM (SELECT seq, hash,"
                + " count(*) OVER (ORDER BY seq) AS n FROM audit_event WHERE seq IS NOT NULL AND seq <= ?) c"
                + " WHERE seq = ANY (CAST(string_to_array(?, ',') AS bigint[]))")
@NamedNativeQuery(
        name = "AuditEvent.head",
        resultSetMapping = "ChainHead",
        query = "SELECT seq, hash FROM audit_chain_head")
@NamedNativeQuery(
        name = "AuditEvent.countChainedUpTo",
        query = "SELECT count(*) FROM audit_event WHERE seq IS NOT NULL AND seq <= ?")
@NamedNativeQuery(
        name = "AuditEvent.saveCheckpoint",
        query = "INSERT INTO audit_checkpoint (seq, hash, records, created_at, jws) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (seq) DO NOTHING")
@NamedNativeQuery(name = "AuditEvent.linkPending", query = "SELECT audit_chain_pending(?)")
@NamedNativeQuery(name = "AuditEvent.ensurePartitions", query = "SELECT audit_event_ensure_partitions(now(), 12)")
@NamedNativeQuery(
        name = "AuditEvent.archives",
        resultSetMapping = "AuditArchive",
        query = "SELECT to_char(month, 'YYYY-MM') AS month_text, file, sha256, records, first_seq, last_seq,"
                + " manifest, archived_at, archived_by, dropped_at, dropped_by, drop_statement FROM audit_archive"
                + " ORDER BY month")
@NamedNativeQuery(
        name = "AuditEvent.archiveOf",
        resultSetMapping = "AuditArchive",
        query = "SELECT to_char(month, 'YYYY-MM') AS month_text, file, sha256, records, first_seq, last_seq,"
                + " manifest, archived_at, archived_by, dropped_at, dropped_by, drop_statement FROM audit_archive"
                + " WHERE month = CAST(? AS date)")
@NamedNativeQuery(
        name = "AuditEvent.bridges",
        resultSetMapping = "AuditBridge",
        query = "SELECT seq, prev_hash, to_char(month, 'YYYY-MM') AS month_text FROM audit_bridge ORDER BY seq")
@NamedNativeQuery(
        name = "AuditEvent.archiveCounts",
        resultSetMapping = "AuditArchiveCount",
        query = "SELECT checkpoint_seq, records, to_char(month, 'YYYY-MM') AS month_text FROM audit_archive_count"
                + " ORDER BY checkpoint_seq, month")
@NamedNativeQuery(name = "AuditEvent.partition", query = "SELECT to_regclass(?)")
public class AuditEvent {

    public static final String SUCCESS = "SUCCESS";
    public static final String DENIED = "DENIED";
    public static final String FAILED = "FAILED";

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private OffsetDateTime occurredAt;

    @Column(name = "actor", nullable = false, updatable = false, length = 128)
    private String actor;

    @Column(name = "action", nullable = false, updatable = false, length = 64)
    private String action;

    @Column(name = "object_type", nullable = false, updatable = false, length = 64)
    private String objectType;

    @Column(name = "object_id", nullable = false, updatable = false)
    private UUID objectId;

    @Column(name = "organization_id", updatable = false)
    private UUID organizationId;

    @Column(name = "request_id", updatable = false, length = 64)
    private String requestId;

    @Column(name = "details", nullable = false, updatable = false)
    private String details;

    @Column(name = "client_address", updatable = false, length = 64)
    private String clientAddress;

    /** SUCCESS for a change that happened; DENIED or FAILED for an attempt that was refused (and rolled back). */
    @Column(name = "outcome", nullable = false, updatable = false, length = 16)
    private String outcome;

    protected AuditEvent() {
        // for JPA
    }

    public AuditEvent(
            String actor,
            String action,
            String objectType,
            UUID objectId,
            UUID organizationId,
            String requestId,
            String detailsJson) {
        this(actor, action, objectType, objectId, organizationId, requestId, detailsJson, null, SUCCESS);
    }

    public AuditEvent(
            String actor,
            String action,
            String objectType,
            UUID objectId,
            UUID organizationId,
            String requestId,
            String detailsJson,
            String clientAddress,
            String outcome) {
        this.clientAddress = clientAddress;
        this.outcome = outcome;
        this.id = Uuid7.next();
        this.occurredAt = AuditedEntity.now();
        this.actor = actor;
        this.action = action;
        this.objectType = objectType;
        this.objectId = objectId;
        this.organizationId = organizationId;
        this.requestId = requestId;
        this.details = detailsJson;
    }

    public UUID getId() {
        return id;
    }

    public OffsetDateTime getOccurredAt() {
        return occurredAt;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getObjectType() {
        return objectType;
    }

    public UUID getObjectId() {
        return objectId;
    }

    public String getRequestId() {
        return requestId;
    }

    public String getDetails() {
        return details;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public String getOutcome() {
        return outcome;
    }
}
