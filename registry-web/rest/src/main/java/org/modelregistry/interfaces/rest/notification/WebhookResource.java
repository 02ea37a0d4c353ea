package org.modelregistry.interfaces.rest.notification;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.notification.CreateWebhookRequest;
import org.modelregistry.api.notification.WebhookDeliveryDto;
import org.modelregistry.api.notification.WebhookDto;
import org.modelregistry.api.notification.WebhookService;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/** {@code /api/v1/webhooks}: subscriptions to domain events, delivered signed with retries, and their logs. */
@RolesAllowed(Roles.ADMIN)
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications")
public class WebhookResource {

    @EJB
    WebhookService webhooks;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createWebhook",
            summary = "Subscribe to events",
            description = "events: version.created, version.state-changed,"
                    + " approval.decided, evaluation.finished, deployment.changed, policy.violation, or *; groups narrows to"
                    + " models of those groups. Each event of the organization's models is POSTed as JSON with"
                    + " X-Registry-Event, Idempotency-Key (the delivery) and X-Registry-Signature (t=<unix>,sha256=HMAC of"
                    + " t.body with the secret); anything but 2xx is retried with exponential back-off.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "slack-bridge",
                                            value =
                                                    "{\"name\":"
                                                            + "\"chatops\",\"url\":\"https://hooks.example.com/registry\",\"secret\":\"a-long-random-secret\","
                                                            + "\"events\":[\"version.state-changed\",\"deployment.changed\"]}")))
    @APIResponse(
            responseCode = "201",
            description = "Subscribed",
            content = @Content(schema = @Schema(implementation = WebhookDto.class)))
    @APIResponse(
            responseCode = "422",
            description = "Invalid fields",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response create(JsonStructure body) {
        WebhookDto dto = webhooks.create(CreateWebhookRequest.fromJson(Http.requireBody(body)));
        return Response.created(uri.getBaseUriBuilder().path("v1/webhooks/{id}").build(dto.id()))
                .tag(Http.etag(dto.version()))
                .entity(dto)
                .build();
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "The webhooks of the organizations the caller administers")
    public List<WebhookDto> list() {
        return webhooks.list();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getWebhook", summary = "Read a webhook subscription")
    @APIResponse(
            responseCode = "200",
            description = "The subscription, with its ETag",
            content = @Content(schema = @Schema(implementation = WebhookDto.class)))
    public Response get(@PathParam("id") String id) {
        WebhookDto dto = webhooks.get(Http.id(id, "webhook"));
        return Response.ok(dto).tag(Http.etag(dto.version())).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({Http.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(
            operationId = "updateWebhook",
            summary = "Change a webhook subscription",
            description = "url, secret, events, groups, enabled.")
    @APIResponse(
            responseCode = "200",
            description = "The changed subscription, with its new ETag",
            content = @Content(schema = @Schema(implementation = WebhookDto.class)))
    @APIResponse(
            responseCode = "412",
            description = "Stale If-Match",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response patch(@PathParam("id") String id, JsonStructure patch, @HeaderParam("If-Match") String ifMatch) {
        WebhookDto dto = webhooks.update(Http.id(id, "webhook"), Http.ifMatch(ifMatch), Http.requireBody(patch));
        return Response.ok(dto).tag(Http.etag(dto.version())).build();
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(
            operationId = "listWebhookDeliveries",
            summary = "The delivery log",
            description = "Newest first, each with every attempt's status or error.")
    public List<WebhookDeliveryDto> deliveries(
            @PathParam("id") String id, @QueryParam("state") String state, @QueryParam("limit") String limit) {
        Integer max = Http.limit(limit);
        return webhooks.deliveries(Http.id(id, "webhook"), state, max == null ? 50 : max);
    }
}
