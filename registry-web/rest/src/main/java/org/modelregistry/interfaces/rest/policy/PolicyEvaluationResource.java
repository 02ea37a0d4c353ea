package org.modelregistry.interfaces.rest.policy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.policy.PolicyEvaluationDto;
import org.modelregistry.api.policy.PolicyService;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Roles;

/** {@code .../versions/{version}/policy-evaluations}: what the policies said on each attempted move of a version. */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/models/{modelId}/versions/{version}/policy-evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Versions")
public class PolicyEvaluationResource {

    @EJB
    PolicyService policies;

    @GET
    @Operation(
            operationId = "listPolicyEvaluations",
            summary = "The stored policy evaluations of a version",
            description =
                    "One row per policy per"
                            + " attempted move, blocked attempts included, with the policy version and the digest of the input.")
    public List<PolicyEvaluationDto> policyEvaluations(
            @PathParam("modelId") String modelId, @PathParam("version") String version) {
        return policies.evaluations(Http.id(modelId, "model"), version);
    }
}
