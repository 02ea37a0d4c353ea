package org.modelregistry.interfaces.rest.identity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.identity.CreateServiceAccountRequest;
import org.modelregistry.api.identity.CreatedServiceAccount;
import org.modelregistry.api.identity.ServiceAccountDto;
import org.modelregistry.api.identity.ServiceAccountService;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/** {@code /api/v1/service-accounts}: API keys for CI pipelines, registry administrators only. */
@RolesAllowed({Roles.ADMIN})
@Path("/v1/service-accounts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class ServiceAccountResource {

    @EJB
    ServiceAccountService accounts;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createServiceAccount",
            summary = "Create a service account",
            description = "The answer holds the API key: it is shown"
                    + " once. Exchange it for a token with POST /api/v1/auth/token {\"apiKey\": ...}.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            schema = @Schema(implementation = CreateServiceAccountRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "ci",
                                            value = "{\"name\":\"ci-payments\",\"organization\":\"default\","
                                                    + "\"role\":\"CONTRIBUTOR\",\"expiresInDays\":90}")))
    @APIResponse(
            responseCode = "201",
            description = "Created, with its API key",
            content = @Content(schema = @Schema(implementation = CreatedServiceAccount.class)))
    @APIResponse(
            responseCode = "409",
            description = "The name is taken",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Invalid fields",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response create(JsonStructure body) {
        CreatedServiceAccount created = accounts.create(CreateServiceAccountRequest.fromJson(Http.requireBody(body)));
        return Response.status(201)
                .entity(created)
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Operation(operationId = "listServiceAccounts", summary = "List service accounts (never their keys)")
    public List<ServiceAccountDto> list() {
        return accounts.list();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "revokeServiceAccount", summary = "Revoke a service account's key")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(
            responseCode = "404",
            description = "No such account",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response revoke(@PathParam("id") String id) {
        accounts.revoke(Http.id(id, "service account"));
        return Response.noContent().build();
    }
}
