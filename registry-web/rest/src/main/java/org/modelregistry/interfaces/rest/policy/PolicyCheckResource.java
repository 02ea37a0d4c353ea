package org.modelregistry.interfaces.rest.policy;

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
import org.modelregistry.api.policy.PolicyCheckDto;
import org.modelregistry.api.policy.PolicyCheckRequest;
import org.modelregistry.api.policy.PolicyService;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/** {@code .../versions/{version}/policy-check}: a dry run of the policies that would gate a move of a version. */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/models/{modelId}/versions/{version}/policy-check")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Versions")
public class PolicyCheckResource {

    @EJB
    PolicyService policies;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "checkVersionPolicies",
            summary = "Dry-run the policies of a move",
            description = "Evaluates every policy that would gate"
                    + " moving the version to the target state (and environment, for DEPLOYED) and reports each verdict,"
                    + " changing and storing nothing.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            schema = @Schema(implementation = PolicyCheckRequest.class),
                            examples = @ExampleObject(name = "approve", value = "{\"to\":\"APPROVED\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The verdicts; allowed is false when a BLOCKING policy fails",
            content = @Content(schema = @Schema(implementation = PolicyCheckDto.class)))
    @APIResponse(
            responseCode = "422",
            description = "Unknown state",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public PolicyCheckDto policyCheck(
            @PathParam("modelId") String modelId, @PathParam("version") String version, JsonStructure body) {
        PolicyCheckRequest request = PolicyCheckRequest.fromJson(Http.requireBody(body));
        return policies.check(Http.id(modelId, "model"), version, request.to(), request.environment());
    }
}
