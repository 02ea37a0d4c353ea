package org.modelregistry.interfaces.rest.catalog;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelQuery;
import org.modelregistry.api.catalog.ModelService;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.common.IdempotencyService.StoredResponse;
import org.modelregistry.api.common.Page;
import org.modelregistry.api.search.SearchHitDto;
import org.modelregistry.api.search.SearchService;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.IdempotentCreate;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;
import org.modelregistry.interfaces.rest.openapi.Pages;

/** {@code /api/v1/models}: register, list, read, change and delete models. */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Models")
public class ModelResource {

    static final Jsonb JSONB = JsonbBuilder.create();

    @EJB
    ModelService models;

    @Inject
    IdempotentCreate idempotent;

    @EJB
    SearchService search;

    @Context
    UriInfo uri;

    @Context
    SecurityContext security;

    @POST
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createModel",
            summary = "Register a model",
            description = "Creates a model; the caller becomes its owner when no"
                    + " owners are given. With an Idempotency-Key header a retry returns the first response.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            schema = @Schema(implementation = CreateModelRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "fraud scorer",
                                            value = "{\"group\":\"payments\",\"name\":\"fraud-scorer\","
                                                    + "\"description\":\"Scores card payments for fraud\",\"riskTier\":\"HIGH\","
                                                    + "\"tags\":[\"fraud\",\"xgboost\"]}")))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = ModelDto.class)))
    @APIResponse(
            responseCode = "400",
            description = "Malformed JSON",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "409",
            description = "A model with this group and name exists",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Invalid fields (listed in errors)",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "404",
            description = "The organization does not exist, or the caller is not a member of it",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response create(
            JsonStructure body,
            @Parameter(description = "Makes retries safe: the same key returns the first response")
                    @HeaderParam(IdempotentCreate.HEADER)
                    String idempotencyKey) {
        JsonObject json = Http.requireBody(body);
        CreateModelRequest request = CreateModelRequest.fromJson(json);
        return idempotent.run(idempotencyKey, security, "POST", uri.getPath(), json.toString(), () -> {
            ModelDto dto = models.create(request);
            String location = uri.getBaseUriBuilder()
                    .path("v1/models/{id}")
                    .build(dto.id())
                    .toString();
            return new StoredResponse(201, location, JSONB.toJson(dto), dto.revision(), false);
        });
    }

    @GET
    @Operation(
            operationId = "listModels",
            summary = "List models",
            description = "Keyset-paginated in creation order; pass nextCursor back as" + " cursor for the next page.")
    @APIResponse(
            responseCode = "200",
            description = "A page of models",
            content = @Content(schema = @Schema(implementation = Pages.ModelPage.class)))
    public Page<ModelDto> list(
            @QueryParam("group") String group,
            @QueryParam("name") String name,
            @Parameter(schema = @Schema(implementation = RiskTier.class)) @QueryParam("riskTier") String riskTier,
            @QueryParam("tag") String tag,
            @QueryParam("owner") String owner,
            @Parameter(description = "Page size, 1-500 (default 50)", schema = @Schema(type = SchemaType.INTEGER))
                    @QueryParam("limit")
                    String limit,
            @QueryParam("cursor") String cursor) {
        RiskTier tier = Http.enumParam("riskTier", riskTier, RiskTier.class);
        return models.list(new ModelQuery(group, name, tier, tag, owner, Http.limit(limit), cursor));
    }

    @GET
    @Path("{id}")
    @Operation(
            operationId = "getModel",
            summary = "Read a model",
            description = "Carries an ETag; If-None-Match gives 304 when unchanged.")
    @APIResponse(
            responseCode = "200",
            description = "The model",
            content = @Content(schema = @Schema(implementation = ModelDto.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such model",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "412",
            description = "If-Match names no current ETag of it",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response get(@PathParam("id") String id, @Context Request request) {
        ModelDto dto = models.get(Http.id(id, "model"));
        return Http.tagged(request, dto, dto.revision());
    }

    @PATCH
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Path("{id}")
    @Consumes({Http.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(
            operationId = "updateModel",
            summary = "Change a model (JSON Merge Patch, RFC 7386)",
            description = "Send If-Match with the ETag you read: a stale one gives 412. null removes a field.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = Http.MERGE_PATCH,
                            examples =
                                    @ExampleObject(
                                            name = "re-tier",
                                            value = "{\"riskTier\":\"CRITICAL\",\"tags\":[\"fraud\"]}")))
    @APIResponse(
            responseCode = "200",
            description = "The changed model",
            content = @Content(schema = @Schema(implementation = ModelDto.class)))
    @APIResponse(
            responseCode = "412",
            description = "Stale If-Match",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Invalid fields",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response patch(@PathParam("id") String id, JsonStructure patch, @HeaderParam("If-Match") String ifMatch) {
        ModelDto dto = models.patch(Http.id(id, "model"), Http.requireBody(patch), Http.ifMatch(ifMatch));
        return Response.ok(dto).tag(Http.etag(dto.revision())).build();
    }

    @DELETE
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Path("{id}")
    @Operation(operationId = "deleteModel", summary = "Delete a model that has no versions")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(
            responseCode = "409",
            description = "The model has versions",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "412",
            description = "Stale If-Match",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        models.delete(Http.id(id, "model"), Http.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/similar")
    @Operation(
            operationId = "listSimilarModels",
            summary = "Models like this one",
            description = "Ranked by meaning (k-NN over the models' sentence embeddings, the"
                    + " semantic score in each hit's match) among the models the caller may see; until the model is"
                    + " embedded, by how many of its name, description and tag terms they share (BM25).")
    public List<SearchHitDto> similar(@PathParam("id") String id, @QueryParam("limit") String limit) {
        return search.similar(Http.id(id, "model"), Http.limit(limit));
    }
}
