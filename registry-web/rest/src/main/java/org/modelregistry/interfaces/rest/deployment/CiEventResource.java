package org.modelregistry.interfaces.rest.deployment;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.deployment.CiEventReceipt;
import org.modelregistry.api.deployment.CiEventService;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.openapi.ApiDocumentFilter;

/**
 * {@code /api/v1/ci-events/{system}/{target}}: the CI systems' own events about the deployments sent to them. No
 * bearer token: the target's event secret is the credential (GitHub's signature of the body, GitLab's token, a
 * Jenkins token), so the body is taken raw, exactly as it was signed.
 */
@PermitAll
@Path("/v1/ci-events")
@Tag(name = "Deployments")
public class CiEventResource {

    @EJB
    CiEventService events;

    @POST
    @Path("{system}/{target}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "receiveCiEvent",
            // no bearer token: the event proves itself with the target's event secret (described below)
            extensions = @Extension(name = ApiDocumentFilter.PUBLIC, value = "true"),
            summary = "Receive a CI system's event about a deployment",
            description = "GitHub (workflow_run, deployment_status; X-Hub-Signature-256, X-GitHub-Delivery), GitLab"
                    + " (pipeline events; X-Gitlab-Token, X-Gitlab-Event-UUID) or Jenkins (the Notification plugin's"
                    + " JSON; X-Registry-Token or ?token=) at the URL of the deployment target: the event's deployment"
                    + " id (docs/deployments-ci-events.md) must name one of the target's deployments.")
    @APIResponse(
            responseCode = "200",
            description = "Applied, or a delivery seen before (nothing changed)",
            content = @Content(schema = @Schema(implementation = CiEventReceipt.class)))
    @APIResponse(
            responseCode = "202",
            description = "Acknowledged and ignored: the event reports on no deployment",
            content = @Content(schema = @Schema(implementation = CiEventReceipt.class)))
    @APIResponse(
            responseCode = "400",
            description = "Unreadable, or too old",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "401",
            description = "Not signed with the target's event secret",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "403",
            description = "Names a deployment that is not the target's",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "409",
            description = "Contradicts the deployment's final state",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "413",
            description = "Body too large",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response receive(
            @PathParam("system") String system,
            @PathParam("target") String target,
            @QueryParam("token") String token,
            @Context HttpHeaders httpHeaders,
            byte[] body) {
        Map<String, String> headers = new HashMap<>();
        httpHeaders.getRequestHeaders().forEach((name, values) -> {
            List<String> given = values == null ? List.of() : values;
            if (!given.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), given.get(0));
            }
        });
        if (token != null) {
            // Jenkins' Notification plugin cannot send headers: its endpoint URL carries the token
            headers.putIfAbsent("x-registry-token", token);
        }
        CiEventReceipt receipt = events.receive(
                system, Http.id(target, "deployment target"), headers, body == null ? new byte[0] : body);
        return Response.status(receipt.outcome().equals(CiEventReceipt.IGNORED) ? 202 : 200)
                .entity(receipt)
                .build();
    }
}
