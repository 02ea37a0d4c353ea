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
    @Path("verify")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "Recompute the audit chain", description = "Reports whether every chained record still"
            + " matches its content and its predecessor, and the first one that does not.")
    public AuditVerification verify() {
        return audit.verify();
    }
}
