package org.modelregistry.domain.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.Uuid7;

/**
 * One state change: who did what to which object, when, within which request. Written in the same transaction as
 * the change, so there is no change without its record and no record of a change that was rolled back.
 */
@Entity
@Table(name = "audit_event")
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
