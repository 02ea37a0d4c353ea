package org.modelregistry.interfaces.rest.policy;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.common.IdempotencyService.StoredResponse;
import org.modelregistry.api.policy.CreatePolicyRequest;
import org.modelregistry.api.policy.PolicyDto;
import org.modelregistry.api.policy.PolicyRevisionDto;
import org.modelregistry.api.policy.PolicyService;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.IdempotentCreate;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/**
 * {@code /api/v1/policies}: CEL rules that gate lifecycle transitions. Every member reads them; registry
 * administrators manage global policies, an organization's ADMINs its own.
 */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Policies")
public class PolicyResource {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @EJB
    PolicyService policies;

    @Inject
    IdempotentCreate idempotent;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @POST
    @RolesAllowed({Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createPolicy",
            summary = "Create a policy",
            description = "The expression is CEL over model, version, artifacts,"
                    + " evaluations, approvals, deployments and request (docs/governance.md) and must be a bool; one that"
                    + " does not compile is 422 invalid-expression with its line and column. transitions names the target"
                    + " states it gates; empty riskTiers or groups mean all. Without organization the policy is global"
                    + " (registry administrators only).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "accuracy",
                                            value =
                                                    "{\"name\":\"min-accuracy\",\"organization\":\"default\",\"riskTiers\":[\"HIGH\",\"CRITICAL\"],"
                                                            + "\"transitions\":[\"APPROVED\"],\"severity\":\"BLOCKING\","
                                                            + "\"expression\":\"has(version.metadata.accuracy) && version.metadata.accuracy >= 0.9\","
                                                            + "\"message\":\"accuracy must be at least 0.9\"}")))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = PolicyDto.class)))
    @APIResponse(
            responseCode = "403",
            description = "Not an administrator of the policy's scope",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "409",
            description = "The name is taken in this scope",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Invalid fields, or an expression that does not compile"
                    + " (invalid-expression, with line and column)",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response create(
            JsonStructure body,
            @Parameter(description = "Makes retries safe: the same key returns the first response")
                    @HeaderParam(IdempotentCreate.HEADER)
                    String idempotencyKey) {
        JsonObject json = Http.requireBody(body);
        return idempotent.run(idempotencyKey, security, "POST", uri.getPath(), json.toString(), () -> {
            PolicyDto dto = policies.create(CreatePolicyRequest.fromJson(json));
            String location = uri.getBaseUriBuilder()
                    .path("v1/policies/{id}")
                    .build(dto.id())
                    .toString();
            return new StoredResponse(201, location, JSONB.toJson(dto), dto.revision(), false);
        });
    }

    @GET
    @Operation(
            operationId = "listPolicies",
            summary = "List policies",
            description = "Global policies and those of the caller's organizations," + " enabled or not.")
    public List<PolicyDto> list() {
        return policies.list();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getPolicy", summary = "Read a policy", description = "Carries an ETag for If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The policy",
            content = @Content(schema = @Schema(implementation = PolicyDto.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such policy",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "412",
            description = "If-Match names no current ETag of it",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response get(@PathParam("id") String id, @Context Request request) {
        PolicyDto dto = policies.get(Http.id(id, "policy"));
        return Http.tagged(request, dto, dto.revision());
    }

    @PATCH
    @RolesAllowed({Roles.ADMIN})
    @Path("{id}")
    @Consumes({Http.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(
            operationId = "updatePolicy",
            summary = "Change a policy (JSON Merge Patch)",
            description = "Each change is a new policy version;"
                    + " evaluations name the version they ran. name and organization cannot change. If-Match guards against"
                    + " lost updates (412).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = Http.MERGE_PATCH,
                            examples = @ExampleObject(name = "advisory", value = "{\"severity\":\"ADVISORY\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The changed policy",
            content = @Content(schema = @Schema(implementation = PolicyDto.class)))
    @APIResponse(
            responseCode = "412",
            description = "Stale If-Match",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Invalid fields or expression",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response patch(@PathParam("id") String id, JsonStructure patch, @HeaderParam("If-Match") String ifMatch) {
        PolicyDto dto = policies.update(Http.id(id, "policy"), Http.requireBody(patch), Http.ifMatch(ifMatch));
        return Response.ok(dto).tag(Http.etag(dto.revision())).build();
    }

    @DELETE
    @RolesAllowed({Roles.ADMIN})
    @Path("{id}")
    @Operation(
            operationId = "disablePolicy",
            summary = "Disable a policy",
            description = "The policy and its versions stay, for the evaluations"
                    + " that name them; enable it again with PATCH {\"enabled\": true}.")
    @APIResponse(responseCode = "204", description = "Disabled")
    @APIResponse(
            responseCode = "412",
            description = "Stale If-Match",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response disable(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        policies.disable(Http.id(id, "policy"), Http.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/versions")
    @Operation(operationId = "listPolicyRevisions", summary = "Every version of a policy, newest first")
    public List<PolicyRevisionDto> versions(@PathParam("id") String id) {
        return policies.revisions(Http.id(id, "policy"));
    }
}
