package org.modelregistry.interfaces.rest.governance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.governance.EvidenceService;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Roles;

/** {@code .../versions/{version}/evidence}: the signed evidence bundle of a version, for auditors. */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/models/{modelId}/versions/{version}/evidence")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Versions")
public class EvidenceResource {

    @EJB
    EvidenceService evidence;

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Produces("application/zip")
    @Operation(
            operationId = "getVersionEvidence",
            summary = "Export the evidence bundle of a version",
            description = "A zip of the model, version,"
                    + " artifacts, approvals and audit trail, with manifest.json (SHA-256 of every file) and manifest.jws"
                    + " (that manifest signed by the registry's key; verify it with /api/v1/auth/jwks). docs/evidence.md"
                    + " shows an offline check.")
    @APIResponse(responseCode = "200", description = "The bundle")
    public Response evidence(@PathParam("modelId") String modelId, @PathParam("version") String version) {
        byte[] zip = evidence.bundle(Http.id(modelId, "model"), version);
        return Response.ok(zip, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"evidence-" + version + ".zip\"")
                .build();
    }
}
