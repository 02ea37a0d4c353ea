package org.modelregistry.interfaces.rest.system;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.infrastructure.cache.CatalogCache;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/**
 * {@code POST /api/v1/benchmark/cache?enabled=true|false}: lets the cluster benchmark compare reads with and without
 * the read cache in one run, on this server until it restarts. Off (404) unless the server was started with
 * {@code registry.benchmark.seed-enabled=true}, like the seed.
 */
@RolesAllowed({Roles.ADMIN})
@Path("/v1/benchmark/cache")
@Tag(name = "System")
public class BenchmarkCacheResource {

    @Inject
    @ConfigProperty(name = "registry.benchmark.seed-enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    CatalogCache cache;

    @POST
    @Operation(
            operationId = "setBenchmarkCache",
            summary = "Turn this server's read cache on or off (only when registry.benchmark.seed-enabled=true)")
    @APIResponse(responseCode = "204", description = "Done")
    @APIResponse(
            responseCode = "404",
            description = "Benchmarking is off (registry.benchmark.seed-enabled=false): nothing is at this path",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response cache(@QueryParam("enabled") String on) {
        if (!enabled) {
            throw new NotFoundException("resource", "/api/v1/benchmark/cache");
        }
        if (!"true".equals(on) && !"false".equals(on)) {
            throw new InvalidInputException("enabled", "must be true or false");
        }
        cache.enabled(Boolean.parseBoolean(on));
        return Response.noContent().build();
    }
}
