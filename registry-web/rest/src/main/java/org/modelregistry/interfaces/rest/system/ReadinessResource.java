package org.modelregistry.interfaces.rest.system;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.interfaces.health.RegistryReadinessCheck;
import org.modelregistry.interfaces.rest.Roles;

/**
 * {@code /api/v1/system/readiness}: what /health/ready keeps from anonymous callers (database product and schema
 * version, broker, error text), for registry administrators.
 */
@RolesAllowed(Roles.ADMIN)
@Path("/v1/system/readiness")
@Tag(name = "System")
public class ReadinessResource {

    @Inject
    @Readiness // the check's qualifier: it has no @Default one
    RegistryReadinessCheck readiness;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getReadinessDetails",
            summary = "The readiness checks with their details (registry administrators)")
    @APIResponse(responseCode = "200", description = "Every check is UP")
    @APIResponse(responseCode = "503", description = "A check is DOWN")
    public Response details() {
        JsonArrayBuilder checks = Json.createArrayBuilder();
        boolean up = true;
        for (HealthCheckResponse c : readiness.details()) {
            up &= c.getStatus() == HealthCheckResponse.Status.UP;
            JsonObjectBuilder data = Json.createObjectBuilder();
            for (Map.Entry<String, Object> e : c.getData().orElse(Map.of()).entrySet()) {
                data.add(e.getKey(), String.valueOf(e.getValue()));
            }
            checks.add(Json.createObjectBuilder()
                    .add("name", c.getName())
                    .add("status", c.getStatus().name())
                    .add("data", data));
        }
        return Response.status(up ? 200 : 503)
                .entity(Json.createObjectBuilder()
                        .add("status", up ? "UP" : "DOWN")
                        .add("checks", checks)
                        .build())
                .build();
    }
}
