package org.modelregistry.interfaces.rest.search;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.search.RecommendationService;
import org.modelregistry.api.search.RecommendationsDto;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/** {@code /api/v1/models/{id}/versions/{version}/recommendations}: suggestions drawn from similar models. */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/models/{modelId}/versions/{version}/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
public class RecommendationResource {

    @EJB
    RecommendationService recommendations;

    @GET
    @Operation(
            operationId = "recommendForVersion",
            summary = "Suggested reviewers, suites, policies and deployed look-alikes for a version",
            description = "Drawn from the models most similar to the version's model among those the caller may see"
                    + " (limit: how many, default 10, 1-50). Reviewers are people who reviewed those models and may"
                    + " review this version (REVIEWER in its organization, neither an owner nor its submitter); each"
                    + " suggestion says why.")
    @APIResponse(
            responseCode = "200",
            description = "The suggestions, each with its reason",
            content = @Content(schema = @Schema(implementation = RecommendationsDto.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such model or version, or one the caller may not see",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public RecommendationsDto recommend(
            @PathParam("modelId") String modelId,
            @PathParam("version") String version,
            @QueryParam("limit") String limit) {
        return recommendations.recommend(Http.id(modelId, "model"), version, Http.limit(limit));
    }
}
