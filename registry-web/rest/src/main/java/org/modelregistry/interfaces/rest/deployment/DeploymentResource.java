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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.deployment.DeploymentDto;
import org.modelregistry.api.deployment.DeploymentReport;
import org.modelregistry.api.deployment.DeploymentService;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/** {@code /api/v1/deployments/{id}}: a deployment's progress, its target's reports, and rollbacks. */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deployments")
public class DeploymentResource {

    @EJB
    DeploymentService deployments;

    @GET
    @Path("{id}")
    @Operation(operationId = "getDeployment", summary = "A deployment, its state and every call made to its target")
    public DeploymentDto get(@PathParam("id") String id) {
        return deployments.deployment(Http.id(id, "deployment"));
    }

    @POST
    @Path("{id}/status")
    @RolesAllowed({Roles.DEPLOYER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "reportDeploymentStatus",
            summary = "Report a deployment's outcome",
            description = "Called by the target system (a service"
                    + " account with the DEPLOYER role) at the callback URL it was given: IN_PROGRESS, SUCCEEDED or FAILED,"
                    + " with a message and a link. A SUCCEEDED production deployment makes an APPROVED version DEPLOYED."
                    + " Repeating the final report is harmless; contradicting it is a 409.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "done",
                                            value =
                                                    "{\"state\":"
                                                            + "\"SUCCEEDED\",\"message\":\"rolled out to 12 pods\",\"url\":\"https://ci.example.com/runs/42\"}")))
    @APIResponse(
            responseCode = "200",
            description = "Recorded",
            content = @Content(schema = @Schema(implementation = DeploymentDto.class)))
    @APIResponse(
            responseCode = "409",
            description = "Already ended otherwise, or not yet sent",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public DeploymentDto report(@PathParam("id") String id, JsonStructure body) {
        return deployments.report(Http.id(id, "deployment"), DeploymentReport.fromJson(Http.requireBody(body)));
    }

    @POST
    @Path("{id}/rollback")
    @RolesAllowed({Roles.DEPLOYER, Roles.ADMIN})
    @Operation(
            operationId = "rollbackDeployment",
            summary = "Roll back",
            description = "Redeploys to the same target the version of the model that was"
                    + " last deployed there successfully before this deployment; policies gate it like any deployment.")
    @APIResponse(
            responseCode = "202",
            description = "The rollback deployment, queued",
            content = @Content(schema = @Schema(implementation = DeploymentDto.class)))
    @APIResponse(
            responseCode = "409",
            description = "Nothing to roll back to, or a deployment in progress",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response rollback(@PathParam("id") String id, @Context UriInfo uri) {
        DeploymentDto dto = deployments.rollback(Http.id(id, "deployment"));
        return Response.accepted(dto)
                .location(uri.getBaseUriBuilder().path("v1/deployments/{id}").build(dto.id()))
                .build();
    }
}
