package org.modelregistry.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.common.Page;
import org.modelregistry.api.governance.AuditCheckpointDto;
import org.modelregistry.api.governance.AuditRecordDto;
import org.modelregistry.api.governance.AuditService;
import org.modelregistry.api.governance.AuditVerification;
import org.modelregistry.api.problem.BadRequestException;

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
            + " from and to (RFC 3339); keyset-paginated. Auditors see the records of their organizations. Records"
            + " carry the client address and the outcome (SUCCESS, or DENIED/FAILED for refused attempts).")
    public Page<AuditRecordDto> search(@QueryParam("actor") String actor, @QueryParam("action") String action,
                                       @QueryParam("objectId") String objectId, @QueryParam("from") String from,
                                       @QueryParam("to") String to, @QueryParam("limit") String limit,
                                       @QueryParam("cursor") String cursor) {
        return audit.search(actor, action, objectId == null ? null : Http.id(objectId, "object"), time("from", from),
                time("to", to), Http.limit(limit), cursor);
    }

    private static OffsetDateTime time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name, name + " must be an RFC 3339 time");
        }
    }

    @GET
    @Path("verify")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "Recompute the audit chain", description = "Recomputes the chain of the records written"
            + " in [from, to) (RFC 3339; both optional) and reports the first record that no longer matches its"
            + " content and predecessor; then checks the signed checkpoints kept outside the database against the"
            + " records, which catches a chain rewritten whole. intact is true only when both hold.")
    public AuditVerification verify(@QueryParam("from") String from, @QueryParam("to") String to) {
        return audit.verify(time("from", from), time("to", to));
    }

    @GET
    @Path("checkpoints")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "The signed checkpoints of the chain", description = "Newest first, as kept in the data"
            + " directory: each a JWS (RS256, the registry's key) of the head's seq, hash and record count, to"
            + " export and keep elsewhere.")
    public List<AuditCheckpointDto> checkpoints() {
        return audit.checkpoints();
    }

    @POST
    @Path("checkpoints")
    @RolesAllowed({Roles.ADMIN})
    @Operation(summary = "Sign the chain's head now", description = "Registry administrators; the server also does"
            + " it every registry.audit.checkpoint-minutes. Answers the newest checkpoint (the existing one when the"
            + " head has not moved).")
    @APIResponse(responseCode = "201", description = "The checkpoint",
            content = @Content(schema = @Schema(implementation = AuditCheckpointDto.class)))
    public Response checkpoint() {
        AuditCheckpointDto dto = audit.checkpoint();
        return dto == null ? Response.noContent().build() : Response.status(201).entity(dto).build();
    }
}
