package org.modelregistry.interfaces.rest.identity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.modelregistry.api.identity.CreateOrganizationRequest;
import org.modelregistry.api.identity.OrganizationDto;
import org.modelregistry.api.identity.StorageQuotaRequest;
import org.modelregistry.api.identity.StorageUsageDto;
import org.modelregistry.api.identity.UserService;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/** {@code /api/v1/organizations}: the tenants; members list theirs, registry administrators create them. */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class OrganizationResource {

    @EJB
    UserService users;

    @GET
    @Operation(
            operationId = "listOrganizations",
            summary = "The organizations the caller belongs to (all, for a registry administrator)")
    public List<OrganizationDto> list() {
        return users.organizations();
    }

    @POST
    @RolesAllowed({Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createOrganization", summary = "Create an organization")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            schema = @Schema(implementation = CreateOrganizationRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "team",
                                            value = "{\"slug\":\"payments\",\"displayName\":\"Payments team\"}")))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = OrganizationDto.class)))
    @APIResponse(
            responseCode = "409",
            description = "The slug is taken",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response create(JsonStructure body) {
        CreateOrganizationRequest request = CreateOrganizationRequest.fromJson(Http.requireBody(body));
        OrganizationDto org = users.createOrganization(request.slug(), request.displayName());
        return Response.status(201).entity(org).build();
    }

    @GET
    @Path("{slug}/storage")
    @Operation(
            operationId = "getOrganizationStorage",
            summary = "The artifact content an organization stores, and its quota (0 = unlimited)")
    @APIResponse(
            responseCode = "200",
            description = "Usage and quota",
            content = @Content(schema = @Schema(implementation = StorageUsageDto.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such organization (or not the caller's)",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public StorageUsageDto storage(@PathParam("slug") String slug) {
        return users.storage(slug);
    }

    @PUT
    @Path("{slug}/storage")
    @RolesAllowed({Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "setOrganizationStorageQuota",
            summary = "Set an organization's storage quota",
            description = "quotaBytes: 0 for unlimited, null to fall back to registry.storage.quota-bytes."
                    + " Registry administrators only; audited.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            schema = @Schema(implementation = StorageQuotaRequest.class),
                            examples = @ExampleObject(name = "ten-gib", value = "{\"quotaBytes\":10737418240}")))
    @APIResponse(
            responseCode = "200",
            description = "Usage and the new quota",
            content = @Content(schema = @Schema(implementation = StorageUsageDto.class)))
    @APIResponse(
            responseCode = "422",
            description = "quotaBytes is not a non-negative integer",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public StorageUsageDto limitStorage(@PathParam("slug") String slug, JsonStructure body) {
        StorageQuotaRequest request = StorageQuotaRequest.fromJson(Http.requireBody(body));
        return users.limitStorage(slug, request.quotaBytes());
    }
}
