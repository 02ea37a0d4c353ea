package org.modelregistry.domain.notification;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.ConstructorResult;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;

/**
 * How far one reader of the committed audit log has come ({@link #NOTIFICATIONS}: the fan-out to deliveries and mails;
 * {@link #TOPIC}: the registry.events topic). Each reader moves its own position, so that one of them failing does
 * not hold the other; the queries here read the log after a position.
 */
@Entity
@Table(name = "event_position")
@NamedNativeQuery(
        name = "EventPosition.lock",
        query = "SELECT * FROM event_position WHERE reader = ? FOR UPDATE SKIP LOCKED",
        resultClass = EventPosition.class)
@NamedNativeQuery(
        name = "EventPosition.moveIfAt",
        query = "UPDATE event_position SET last_seq = ? WHERE reader = ? AND last_seq = ?")
@NamedNativeQuery(
        name = "EventPosition.lastSeqWithin",
        query = "SELECT max(seq) FROM (SELECT seq FROM audit_event WHERE seq > ? ORDER BY seq LIMIT ?) s")
@NamedNativeQuery(
        name = "EventPosition.readEvents",
        query = "SELECT a.seq, a.action, a.actor, (extract(epoch FROM a.occurred_at) * 1000000)::bigint AS"
                + " occurred_micros, a.object_type, a.object_id::text AS object_id, a.details::text AS details, o.slug,"
                + " m.id::text AS model_id, m.model_group, m.name AS model_name, v.version FROM audit_event a LEFT JOIN"
                + " organization o ON o.id = a.organization_id LEFT JOIN deployment d ON a.object_type = 'deployment'"
                + " AND d.id = a.object_id LEFT JOIN model_version v ON v.id = CASE WHEN a.object_type ="
                + " 'model_version' THEN a.object_id ELSE d.version_id END LEFT JOIN model m ON m.id = CASE WHEN"
                + " a.object_type = 'model' THEN a.object_id ELSE v.model_id END WHERE a.seq > ? AND a.seq <= ? AND"
                + " a.action = ANY (string_to_array(?, ',')) ORDER BY a.seq",
        resultSetMapping = "DomainEvent")
@SqlResultSetMapping(
        name = "DomainEvent",
        classes =
                @ConstructorResult(
                        targetClass = DomainEvent.class,
                        columns = {
                            @ColumnResult(name = "seq", type = Long.class),
                            @ColumnResult(name = "action", type = String.class),
                            @ColumnResult(name = "actor", type = String.class),
                            @ColumnResult(name = "occurred_micros", type = Long.class),
                            @ColumnResult(name = "object_type", type = String.class),
                            @ColumnResult(name = "object_id", type = String.class),
                            @ColumnResult(name = "details", type = String.class),
                            @ColumnResult(name = "slug", type = String.class),
                            @ColumnResult(name = "model_id", type = String.class),
                            @ColumnResult(name = "model_group", type = String.class),
                            @ColumnResult(name = "model_name", type = String.class),
                            @ColumnResult(name = "version", type = String.class)
                        }))
public class EventPosition {

    public static final String NOTIFICATIONS = "notifications";
    public static final String TOPIC = "topic";

    @Id
    @Column(name = "reader", nullable = false, updatable = false, length = 32)
    private String reader;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    protected EventPosition() {
        // for JPA
    }

    public EventPosition(String reader, long lastSeq) {
        this.reader = reader;
        this.lastSeq = lastSeq;
    }

    /** Moves on to {@code seq}; a reader never goes back, which would notify twice. */
    public void moveTo(long seq) {
        if (seq < lastSeq) {
            throw new IllegalArgumentException(
                    "The " + reader + " reader is at " + lastSeq + " and cannot go back to " + seq);
        }
        lastSeq = seq;
    }

    public String getReader() {
        return reader;
    }

    public long getLastSeq() {
        return lastSeq;
    }
}
