package org.modelregistry.application.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.application.shared.RequestMetadata;
import org.modelregistry.domain.audit.AuditEvent;

/** Writes audit events inside the caller's transaction, with the request's id and client address. */
@ApplicationScoped
public class AuditTrail {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    RequestMetadata request;

    /**
     * Only on a benchmark server (never one with real data): a request with {@code X-Benchmark-Audit: off} writes
     * no audit record, so that one benchmark run measures registration with and without auditing.
     */
    @Inject
    @ConfigProperty(name = "registry.benchmark.seed-enabled", defaultValue = "false")
    boolean benchmark;

    public void record(
            String actor, String action, String objectType, UUID objectId, UUID organizationId, JsonObject details) {
        record(actor, action, objectType, objectId, organizationId, details, AuditEvent.SUCCESS);
    }

    public void record(
            String actor,
            String action,
            String objectType,
            UUID objectId,
            UUID organizationId,
            JsonObject details,
            String outcome) {
        if (benchmark && suppressed()) {
            return;
        }
        em.persist(new AuditEvent(
                actor,
                action,
                objectType,
                objectId,
                organizationId,
                requestId(),
                (details == null ? JsonValue.EMPTY_JSON_OBJECT : details).toString(),
                clientAddress(),
                outcome));
    }

    /**
     * Writes the record through a connection of its own (the schema owner's, for the audit log's maintenance), in
     * that connection's transaction: the record commits with the change it describes, or neither does.
     */
    public void record(
            Connection connection, String actor, String action, String objectType, UUID objectId, JsonObject details)
            throws SQLException {
        AuditEvent e = new AuditEvent(
                actor,
                action,
                objectType,
                objectId,
                null,
                requestId(),
                (details == null ? JsonValue.EMPTY_JSON_OBJECT : details).toString(),
                clientAddress(),
                AuditEvent.SUCCESS);
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO audit_event (id, occurred_at, actor,"
                + " action, object_type, object_id, organization_id, request_id, details, client_address, outcome)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)")) {
            ps.setObject(1, e.getId());
            ps.setObject(2, e.getOccurredAt());
            ps.setString(3, e.getActor());
            ps.setString(4, e.getAction());
            ps.setString(5, e.getObjectType());
            ps.setObject(6, e.getObjectId());
            ps.setObject(7, e.getOrganizationId());
            ps.setString(8, e.getRequestId());
            ps.setString(9, e.getDetails());
            ps.setString(10, e.getClientAddress());
            ps.setString(11, e.getOutcome());
            ps.executeUpdate();
        }
    }

    private boolean suppressed() {
        try {
            return request.auditSuppressed();
        } catch (ContextNotActiveException e) {
            return false;
        }
    }

    String requestId() {
        try {
            return request.requestId();
        } catch (ContextNotActiveException e) {
            return null; // not within an HTTP request (start-up, a job)
        }
    }

    String clientAddress() {
        try {
            return request.clientAddress();
        } catch (ContextNotActiveException e) {
            return null;
        }
    }

    /** Notes that this request's refused attempt is on record; false outside a request. */
    void markAttemptRecorded() {
        try {
            request.markAttemptRecorded();
        } catch (ContextNotActiveException e) {
            // not within an HTTP request
        }
    }
}
