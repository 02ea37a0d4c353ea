package org.modelregistry.interfaces.rest.deployment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import org.modelregistry.api.deployment.CreateDeploymentTargetRequest;
import org.modelregistry.api.deployment.DeploymentTargetDto;
import org.modelregistry.api.deployment.DeploymentTargetService;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/** {@code /api/v1/deployment-targets}: the CI/CD systems deployments are sent to, one environment each. */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/deployment-targets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deployments")
public class DeploymentTargetResource {

    @EJB
    DeploymentTargetService targets;

    @Context
    UriInfo uri;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createDeploymentTarget",
            summary = "Define a deployment target",
            description = "A WEBHOOK called for each deployment, in the"
                    + " payload format of its system: GENERIC (the event as JSON), GITHUB (repository_dispatch; settings"
                    + " eventType), GITLAB (pipeline trigger; settings ref) or JENKINS (buildWithParameters; settings jobToken)."
                    + " secret signs every call (X-Registry-Signature: t=<unix>,sha256=HMAC(secret, t + '.' + body)); token is"
                    + " the system's own credential. Neither is shown again.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "github",
                                            value =
                                                    "{\"organization\":"
                                                            + "\"default\",\"name\":\"prod-eu\",\"environment\":\"production\",\"format\":\"GITHUB\",\"url\":"
                                                            + "\"https://api.github.com/repos/acme/serving/dispatches\",\"secret\":\"a-long-random-signing-secret\","
                                                            + "\"token\":\"github_pat_...\",\"settings\":{\"eventType\":\"deploy-model\"}}")))
    @APIResponse(
            responseCode = "201",
            description = "Defined",
            content = @Content(schema = @Schema(implementation = DeploymentTargetDto.class)))
    @APIResponse(
            responseCode = "409",
            description = "The name is taken",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Invalid fields",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response create(JsonStructure body) {
        DeploymentTargetDto dto = targets.createTarget(CreateDeploymentTargetRequest.fromJson(Http.requireBody(body)));
        return Response.created(uri.getBaseUriBuilder()
                        .path("v1/deployment-targets/{id}")
                        .build(dto.id()))
                .tag(Http.etag(dto.version()))
                .entity(dto)
                .build();
    }

    @GET
    @Operation(operationId = "listDeploymentTargets", summary = "The deployment targets of the caller's organizations")
    public List<DeploymentTargetDto> list() {
        return targets.targets();
    }

    @GET
    @Path("{id}")
    @Operation(
            operationId = "getDeploymentTarget",
            summary = "Read a deployment target",
            description = "Carries an ETag for If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The target",
            content = @Content(schema = @Schema(implementation = DeploymentTargetDto.class)))
    public Response get(@PathParam("id") String id) {
        DeploymentTargetDto dto = targets.target(Http.id(id, "deployment target"));
        return Response.ok(dto).tag(Http.etag(dto.version())).build();
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes({Http.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(
            operationId = "updateDeploymentTarget",
            summary = "Change a deployment target",
            description = "A JSON merge patch of format, url, secret (to"
                    + " rotate it), token (null removes it), settings and enabled; name and environment cannot change."
                    + " A change closes the target's circuit breaker.")
    @APIResponse(
            responseCode = "200",
            description = "The changed target, with its new ETag",
            content = @Content(schema = @Schema(implementation = DeploymentTargetDto.class)))
    @APIResponse(
            responseCode = "412",
            description = "Stale If-Match",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response patch(@PathParam("id") String id, JsonStructure patch, @HeaderParam("If-Match") String ifMatch) {
        DeploymentTargetDto dto =
                targets.updateTarget(Http.id(id, "deployment target"), Http.ifMatch(ifMatch), Http.requireBody(patch));
        return Response.ok(dto).tag(Http.etag(dto.version())).build();
    }
}
