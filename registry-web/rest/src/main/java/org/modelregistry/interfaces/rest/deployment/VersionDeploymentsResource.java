package org.modelregistry.interfaces.rest.deployment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.deployment.DeployRequest;
import org.modelregistry.api.deployment.DeploymentDto;
import org.modelregistry.api.deployment.DeploymentService;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/**
 * {@code /api/v1/models/{id}/versions/{version}/deployments}: deploy a version, and its deployments. Tagged with the
 * versions, where these operations have always been documented.
 */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/models/{modelId}/versions/{version}/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Versions")
public class VersionDeploymentsResource {

    @EJB
    DeploymentService deployments;

    @POST
    @RolesAllowed({Roles.DEPLOYER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "deployVersion",
            summary = "Deploy a version",
            description =
                    "A DEPLOYER of the model's organization sends an APPROVED"
                            + " (or DEPLOYED) version to a deployment target. The policies gating DEPLOYED judge it with the target's"
                            + " environment (422 policy-violation); then 202 with the deployment's Location. It goes REQUESTED ->"
                            + " IN_PROGRESS (the target is called, signed, with retries) -> SUCCEEDED or FAILED as the target reports.")
    @RequestBody(
            required = true,
            content = @Content(examples = @ExampleObject(name = "deploy", value = "{\"target\":\"prod-eu\"}")))
    @APIResponse(
            responseCode = "202",
            description = "Queued",
            content = @Content(schema = @Schema(implementation = DeploymentDto.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not approved, target disabled, or a deployment to the target is" + " in progress",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Unknown target, or a blocking policy failed",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response deploy(
            @PathParam("modelId") String modelId,
            @PathParam("version") String version,
            JsonStructure body,
            @Context UriInfo uri) {
        DeploymentDto dto =
                deployments.deploy(Http.id(modelId, "model"), version, DeployRequest.fromJson(Http.requireBody(body)));
        return Response.accepted(dto)
                .location(uri.getBaseUriBuilder().path("v1/deployments/{id}").build(dto.id()))
                .build();
    }

    @GET
    @Operation(operationId = "listVersionDeployments", summary = "The deployments of a version, oldest first")
    public List<DeploymentDto> list(@PathParam("modelId") String modelId, @PathParam("version") String version) {
        return deployments.deployments(Http.id(modelId, "model"), version);
    }
}
