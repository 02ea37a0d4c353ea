package org.modelregistry.interfaces.rest.catalog;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.catalog.ModelVersionService;
import org.modelregistry.api.catalog.VersionQuery;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.common.IdempotencyService.StoredResponse;
import org.modelregistry.api.common.Page;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.IdempotentCreate;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;
import org.modelregistry.interfaces.rest.openapi.Pages;

/** {@code /api/v1/models/{id}/versions}: register, list, read and edit (while DRAFT) versions. */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/models/{modelId}/versions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Versions")
public class ModelVersionResource {

    @EJB
    ModelVersionService versions;

    @Inject
    IdempotentCreate idempotent;

    @Context
    UriInfo uri;

    @Context
    SecurityContext security;

    @POST
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createVersion",
            summary = "Register a version",
            description = "The version is a Semantic Versioning 2.0.0 string,"
                    + " unique within the model; it starts as DRAFT.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            schema = @Schema(implementation = CreateVersionRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "release",
                                            value = "{\"version\":\"1.4.0\","
                                                    + "\"commitSha\":\"3f786850e387550fdab836ed7e6dc881de23001b\","
                                                    + "\"metadata\":{\"framework\":\"xgboost\",\"auc\":0.94},"
                                                    + "\"sourceUri\":\"https://ci.example.com/runs/812\"}")))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = ModelVersionDto.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such model",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "409",
            description = "The version exists",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Invalid fields (bad semver, commit SHA...)",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response create(
            @PathParam("modelId") String modelId,
            JsonStructure body,
            @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey) {
        UUID id = Http.id(modelId, "model");
        JsonObject json = Http.requireBody(body);
        CreateVersionRequest request = CreateVersionRequest.fromJson(json);
        return idempotent.run(idempotencyKey, security, "POST", uri.getPath(), json.toString(), () -> {
            ModelVersionDto dto = versions.create(id, request);
            String location = uri.getBaseUriBuilder()
                    .path("v1/models/{id}/versions/{version}")
                    .build(id, dto.version())
                    .toString();
            return new StoredResponse(201, location, ModelResource.JSONB.toJson(dto), dto.revision(), false);
        });
    }

    @GET
    @Operation(
            operationId = "listVersions",
            summary = "List versions",
            description = "sort=created (oldest first, default) or sort=semver"
                    + " (highest precedence first); keyset-paginated.")
    @APIResponse(
            responseCode = "200",
            description = "A page of versions",
            content = @Content(schema = @Schema(implementation = Pages.VersionPage.class)))
    public Page<ModelVersionDto> list(
            @PathParam("modelId") String modelId,
            @Parameter(schema = @Schema(implementation = VersionState.class)) @QueryParam("state") String state,
            @Parameter(schema = @Schema(enumeration = {"created", "semver"})) @QueryParam("sort") String sort,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return versions.list(
                Http.id(modelId, "model"),
                new VersionQuery(Http.enumParam("state", state, VersionState.class), sort, Http.limit(limit), cursor));
    }

    @GET
    @Path("{version}")
    @Operation(operationId = "getVersion", summary = "Read a version")
    @APIResponse(
            responseCode = "200",
            description = "The version",
            content = @Content(schema = @Schema(implementation = ModelVersionDto.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such model or version",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "412",
            description = "If-Match names no current ETag of it",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response get(
            @PathParam("modelId") String modelId, @PathParam("version") String version, @Context Request request) {
        ModelVersionDto dto = versions.get(Http.id(modelId, "model"), version);
        return Http.tagged(request, dto, dto.revision());
    }

    @PATCH
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Path("{version}")
    @Consumes({Http.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(
            operationId = "updateVersion",
            summary = "Change a DRAFT version (JSON Merge Patch)",
            description = "metadata is merged recursively; a version that left DRAFT is frozen (409).")
    @APIResponse(
            responseCode = "200",
            description = "The changed version",
            content = @Content(schema = @Schema(implementation = ModelVersionDto.class)))
    @APIResponse(responseCode = "409", description = "Not a DRAFT", content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "412",
            description = "Stale If-Match",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response patch(
            @PathParam("modelId") String modelId,
            @PathParam("version") String version,
            JsonStructure patch,
            @HeaderParam("If-Match") String ifMatch) {
        ModelVersionDto dto =
                versions.patch(Http.id(modelId, "model"), version, Http.requireBody(patch), Http.ifMatch(ifMatch));
        return Response.ok(dto).tag(Http.etag(dto.revision())).build();
    }
}
