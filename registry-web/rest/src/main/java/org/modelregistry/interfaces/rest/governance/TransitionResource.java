package org.modelregistry.interfaces.rest.governance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.governance.LifecycleService;
import org.modelregistry.api.governance.TransitionRequest;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/** {@code .../versions/{version}/transitions}: the moves owners request in a version's lifecycle. */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/models/{modelId}/versions/{version}/transitions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Versions")
public class TransitionResource {

    @EJB
    LifecycleService lifecycle;

    @POST
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "transitionVersion",
            summary = "Move a version",
            description = "Owners submit (IN_REVIEW), withdraw or return to DRAFT,"
                    + " deprecate and retire; any other move is 409 with the allowed moves. The policies that gate the"
                    + " move are evaluated first: a failing BLOCKING policy is 422 policy-violation. {\"to\": \"APPROVED\"}"
                    + " moves a version on whose approvals sufficed but whom policies held in review.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            schema = @Schema(implementation = TransitionRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "submit",
                                            value = "{\"to\":\"IN_REVIEW\",\"comment\":\"ready for review\"}")))
    @APIResponse(responseCode = "200", description = "The version in its new state")
    @APIResponse(
            responseCode = "409",
            description = "Not allowed from the current state (allowedTransitions)",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Blocked by policy (policy-violation, listing each failing" + " policy and its message)",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public ModelVersionDto transition(
            @PathParam("modelId") String modelId, @PathParam("version") String version, JsonStructure body) {
        TransitionRequest request = TransitionRequest.fromJson(Http.requireBody(body));
        return lifecycle.transition(Http.id(modelId, "model"), version, request.to(), request.comment());
    }
}
