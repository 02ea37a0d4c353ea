package org.modelregistry.interfaces.rest.system;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.application.catalog.CatalogSeeder;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/**
 * {@code POST /api/v1/benchmark/seed}: the benchmarks' data generator. Off (404) unless the server was started with
 * {@code registry.benchmark.seed-enabled=true}; never enable it on a registry that holds real data.
 */
@RolesAllowed({Roles.ADMIN})
@Path("/v1/benchmark/seed")
@Tag(name = "System")
public class BenchmarkResource {

    private static final Pattern PREFIX = Pattern.compile("^[a-z0-9]{1,20}$");

    @Inject
    @ConfigProperty(name = "registry.benchmark.seed-enabled", defaultValue = "false")
    boolean enabled;

    @EJB
    CatalogSeeder seeder;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "seedBenchmarkCatalog",
            summary = "Seed benchmark data (only when registry.benchmark.seed-enabled=true)")
    @APIResponse(
            responseCode = "200",
            description = "What was seeded",
            content = @Content(schema = @Schema(implementation = CatalogSeeder.Seeded.class)))
    @APIResponse(
            responseCode = "404",
            description = "Benchmarking is off (registry.benchmark.seed-enabled=false): nothing is at this path",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public CatalogSeeder.Seeded seed(
            @QueryParam("prefix") String prefix,
            @QueryParam("models") int models,
            @QueryParam("versions") int versions,
            @QueryParam("artifacts") int artifacts,
            @QueryParam("batch") int batch) {
        if (!enabled) {
            throw new NotFoundException("resource", "/api/v1/benchmark/seed");
        }
        if (prefix == null
                || !PREFIX.matcher(prefix).matches()
                || models < 1
                || models > 1_000_000
                || versions < 0
                || versions > 1000
                || artifacts < 0
                || artifacts > 10
                || batch < 1
                || batch > 1000) {
            throw new InvalidInputException(
                    "query",
                    "prefix [a-z0-9]{1,20}, models 1-1000000, versions 0-1000, " + "artifacts 0-10, batch 1-1000");
        }
        return seeder.seed(prefix, models, versions, artifacts, batch);
    }
}
