package org.modelregistry.interfaces.rest.governance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.governance.AliasDto;
import org.modelregistry.api.governance.AliasService;
import org.modelregistry.api.governance.MoveAliasRequest;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/** {@code /api/v1/models/{id}/aliases}: named pointers at versions of a model, and their history. */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/models/{id}/aliases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Models")
public class AliasResource {

    @EJB
    AliasService aliases;

    @GET
    @Operation(operationId = "listAliases", summary = "The aliases of a model and where they point")
    public List<AliasDto> aliases(@PathParam("id") String id) {
        return aliases.list(Http.id(id, "model"));
    }

    @GET
    @Path("{alias}")
    @Operation(
            operationId = "getAlias",
            summary = "Where an alias points, now or at a past moment",
            description = "?at=<RFC 3339 time> answers which version it named then, who moved it there and on which"
                    + " approval.")
    @APIResponse(
            responseCode = "200",
            description = "Where the alias points",
            content = @Content(schema = @Schema(implementation = AliasDto.class)))
    @APIResponse(
            responseCode = "404",
            description = "The alias pointed nowhere at that time",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public AliasDto alias(@PathParam("id") String id, @PathParam("alias") String alias, @QueryParam("at") String at) {
        OffsetDateTime when = null;
        if (at != null && !at.isBlank()) {
            try {
                when = OffsetDateTime.parse(at.trim());
            } catch (DateTimeParseException e) {
                throw new BadRequestException("at", "at must be an RFC 3339 time such as 2026-03-03T12:00:00Z");
            }
        }
        return aliases.get(Http.id(id, "model"), alias, when);
    }

    @PUT
    @Path("{alias}")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.DEPLOYER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "moveAlias",
            summary = "Point an alias at a version",
            description = "Owners move ordinary aliases; protected ones"
                    + " (production by default) take an APPROVED or DEPLOYED version and a DEPLOYER.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            schema = @Schema(implementation = MoveAliasRequest.class),
                            examples = @ExampleObject(name = "champion", value = "{\"version\":\"1.4.0\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The alias, moved",
            content = @Content(schema = @Schema(implementation = AliasDto.class)))
    @APIResponse(
            responseCode = "409",
            description = "A protected alias and a version that is not approved",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public AliasDto moveAlias(@PathParam("id") String id, @PathParam("alias") String alias, JsonStructure body) {
        MoveAliasRequest request = MoveAliasRequest.fromJson(Http.requireBody(body));
        return aliases.move(Http.id(id, "model"), alias, request.version());
    }

    @DELETE
    @Path("{alias}")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.DEPLOYER, Roles.ADMIN})
    @Operation(operationId = "deleteAlias", summary = "Remove an alias (its history stays)")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response removeAlias(@PathParam("id") String id, @PathParam("alias") String alias) {
        aliases.remove(Http.id(id, "model"), alias);
        return Response.noContent().build();
    }
}
