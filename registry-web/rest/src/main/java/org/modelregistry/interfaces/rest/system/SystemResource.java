package org.modelregistry.interfaces.rest.system;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.interfaces.rest.Roles;

/**
 * {@code /api/v1/system/ping}: answers without touching the database. Load tests measure it beside the catalog
 * endpoints, as the cost of the HTTP and JAX-RS path alone.
 */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/system/ping")
@Tag(name = "System")
public class SystemResource {

    private static final JsonObject PONG =
            Json.createObjectBuilder().add("status", "ok").build();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "ping", summary = "Answer without doing any work (a baseline for load tests)")
    public JsonObject ping() {
        return PONG;
    }
}
