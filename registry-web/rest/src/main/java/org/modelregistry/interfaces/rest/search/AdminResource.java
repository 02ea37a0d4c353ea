package org.modelregistry.interfaces.rest.search;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.search.ReindexStatusDto;
import org.modelregistry.api.search.SearchService;
import org.modelregistry.interfaces.rest.Roles;

/** {@code /api/v1/admin}: operations of registry administrators. */
@RolesAllowed({Roles.ADMIN})
@Path("/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
public class AdminResource {

    @EJB
    SearchService search;

    @POST
    @Path("reindex")
    @Operation(
            operationId = "startReindex",
            summary = "Rebuild the search index",
            description = "Re-reads every model, version and artifact from"
                    + " the database into the index while searches go on, then removes documents it did not see. Answers"
                    + " 202 with the progress; GET the same path to follow it.")
    @APIResponse(
            responseCode = "202",
            description = "Started (or already running)",
            content = @Content(schema = @Schema(implementation = ReindexStatusDto.class)))
    public Response reindex() {
        return Response.accepted(search.reindex()).build();
    }

    @GET
    @Path("reindex")
    @Operation(operationId = "getReindexStatus", summary = "The progress of the last rebuild of the search index")
    public ReindexStatusDto reindexStatus() {
        return search.reindexStatus();
    }
}
