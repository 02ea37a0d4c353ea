package org.modelregistry.interfaces.rest.search;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.search.SearchRequest;
import org.modelregistry.api.search.SearchResultDto;
import org.modelregistry.api.search.SearchService;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/**
 * {@code /api/v1/search}: full-text, faceted and semantic (by meaning) search over models, versions and artifacts.
 */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
public class SearchResource {

    @EJB
    SearchService search;

    @GET
    @Operation(
            operationId = "searchCatalog",
            summary = "Search the catalog",
            description = "q: words (all must match), \"phrases\", prefix*,"
                    + " fuzzy~, -excluded, a | b, and metadata.key:value filters; name matches rank above tags above"
                    + " descriptions. Filters narrow the hits; facets count values over all hits the caller may see (the 20"
                    + " most frequent each). Only the organizations the caller is a member of are searched. A change is"
                    + " searchable moments after its commit. mode=semantic finds models by the meaning of q (sentence"
                    + " embeddings, k-NN with every filter applied inside it); hybrid (default) fuses both rankings"
                    + " by reciprocal rank; each hit's match says the words found and its semantic score.")
    @APIResponse(
            responseCode = "200",
            description = "Hits, total and facets",
            content = @Content(schema = @Schema(implementation = SearchResultDto.class)))
    @APIResponse(
            responseCode = "503",
            description = "mode=semantic while the embedding model loads (Retry-After)",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Unknown type, sort or mode, q too long, or no q with mode=semantic",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public SearchResultDto search(
            @Parameter(description = "The query") @QueryParam("q") String q,
            @Parameter(description = "model, version or artifact") @QueryParam("type") String type,
            @QueryParam("riskTier") String riskTier,
            @QueryParam("state") String state,
            @QueryParam("owner") String owner,
            @QueryParam("tag") String tag,
            @QueryParam("group") String group,
            @QueryParam("license") String license,
            @QueryParam("organization") String organization,
            @QueryParam("createdFrom") String createdFrom,
            @QueryParam("createdTo") String createdTo,
            @Parameter(description = "relevance (default), name or created") @QueryParam("sort") String sort,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @Parameter(description = "lexical (the words), semantic (the meaning) or hybrid (default: both, fused)")
                    @QueryParam("mode")
                    String mode) {
        return search.search(new SearchRequest(
                q,
                type,
                riskTier,
                state,
                owner,
                tag,
                group,
                license,
                organization,
                Http.time("createdFrom", createdFrom),
                Http.time("createdTo", createdTo),
                sort,
                Http.limit(limit),
                cursor,
                mode));
    }
}
