package org.modelregistry.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.governance.AuditService;
import org.modelregistry.api.governance.AuditVerification;

/** {@code /api/v1/audit}: the tamper-evident audit log. */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "The hash-chained audit log")
public class AuditResource {

    @EJB
    AuditService audit;

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "Search the audit log", description = "Newest first; filters actor, action, objectId,"
            + " from and to (RFC 3339); keyset-paginated. Auditors see the records of their organizations.")
    public org.modelregistry.api.common.Page<org.modelregistry.api.governance.AuditRecordDto> search(
            @jakarta.ws.rs.QueryParam("actor") String actor, @jakarta.ws.rs.QueryParam("action") String action,
            @jakarta.ws.rs.QueryParam("objectId") String objectId, @jakarta.ws.rs.QueryParam("from") String from,
            @jakarta.ws.rs.QueryParam("to") String to, @jakarta.ws.rs.QueryParam("limit") String limit,
            @jakarta.ws.rs.QueryParam("cursor") String cursor) {
        return audit.search(actor, action, objectId == null ? null : Http.id(objectId, "object"), time("from", from),
                time("to", to), Http.limit(limit), cursor);
    }

    private static java.time.OffsetDateTime time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new org.modelregistry.api.problem.BadRequestException(name, name + " must be an RFC 3339 time");
        }
    }

    @GET
    @Path("verify")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "Recompute the audit chain", description = "Reports whether every chained record still"
            + " matches its content and its predecessor, and the first one that does not.")
    public AuditVerification verify() {
        return audit.verify();
    }
}
