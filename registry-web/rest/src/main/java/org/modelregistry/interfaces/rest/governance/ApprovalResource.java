package org.modelregistry.interfaces.rest.governance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.Consumes;
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
import org.modelregistry.api.governance.ApprovalDto;
import org.modelregistry.api.governance.DecisionRequest;
import org.modelregistry.api.governance.LifecycleService;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/** {@code .../versions/{version}/approvals}: reviewers' decisions on a version in review, every round. */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/models/{modelId}/versions/{version}/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Versions")
public class ApprovalResource {

    @EJB
    LifecycleService lifecycle;

    @POST
    @RolesAllowed({Roles.REVIEWER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "decideApproval",
            summary = "Decide on a version in review",
            description = "By a REVIEWER who is neither an owner nor"
                    + " the submitter; the risk tier sets how many distinct approvals approve it (LOW 1, MEDIUM 1, HIGH 2,"
                    + " CRITICAL 3). REQUEST_CHANGES and REJECT take effect at once.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            schema = @Schema(implementation = DecisionRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "approve",
                                            value =
                                                    "{\"decision\":\"APPROVE\",\"comment\":\"evaluation results reviewed\"}")))
    @APIResponse(
            responseCode = "201",
            description = "The decision",
            content = @Content(schema = @Schema(implementation = ApprovalDto.class)))
    @APIResponse(
            responseCode = "403",
            description = "Not a reviewer, or an owner or the submitter",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "409",
            description = "Not in review, or already decided this round",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response decide(
            @PathParam("modelId") String modelId, @PathParam("version") String version, JsonStructure body) {
        DecisionRequest request = DecisionRequest.fromJson(Http.requireBody(body));
        return Response.status(201)
                .entity(lifecycle.decide(Http.id(modelId, "model"), version, request.decision(), request.comment()))
                .build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listApprovals", summary = "The decisions on a version, every review round")
    public List<ApprovalDto> approvals(@PathParam("modelId") String modelId, @PathParam("version") String version) {
        return lifecycle.approvals(Http.id(modelId, "model"), version);
    }
}
